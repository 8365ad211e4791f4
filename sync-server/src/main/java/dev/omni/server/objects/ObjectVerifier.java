package dev.omni.server.objects;

import dev.omni.server.store.ObjectIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code omni-server verify}: re-reads every indexed object of every user (or of one), checks that
 * its pack entry is the one the index names and re-hashes its raw bytes; checks that no pack is
 * shorter than its committed part. Only reads, so it may run beside a serving process; bytes past
 * a pack's committed part are reported as notes, since an upload in flight writes exactly those.
 */
public final class ObjectVerifier {
    private static final int OPEN_PACKS = 64;
    private final Layout layout;
    private final ObjectIndex index;

    public ObjectVerifier(Path dataDir, ObjectIndex index) {
        this.layout = new Layout(dataDir);
        this.index = index;
    }

    /** Something wrong: an object that is not what its id says, or a pack that lost bytes. */
    public record Problem(String userId, String subject, String detail) {
    }

    /** What a run found: {@code bytes} counts the raw bytes re-hashed. */
    public record Report(int users, long objects, long bytes, List<Problem> problems, List<String> notes) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Verifies the objects of {@code userIds}, or of every user that has objects when it is empty. */
    public Report verify(List<String> userIds) {
        List<String> users = userIds.isEmpty() ? index.users() : userIds;
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long[] counts = new long[2];
        if (index.state(PackRecovery.LOOSE_INDEXED).isEmpty()) {
            notes.add("loose files written by an earlier version are not indexed yet; 'omni-server serve' indexes them"
                    + " when it starts");
        }
        for (String user : users) {
            try {
                verifyUser(user, problems, notes, counts);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot verify the objects of user " + user + ": " + e.getMessage(), e);
            }
        }
        return new Report(users.size(), counts[0], counts[1], problems, notes);
    }

    private void verifyUser(String user, List<Problem> problems, List<String> notes, long[] counts) throws IOException {
        Map<String, Long> packs = index.packs(user);
        for (Map.Entry<String, Long> p : packs.entrySet()) {
            Path file = layout.pack(user, p.getKey());
            if (!Files.exists(file)) {
                problems.add(new Problem(user, "pack " + p.getKey(), "is gone; its objects are lost"));
                continue;
            }
            long size = Files.size(file);
            if (size < p.getValue()) {
                problems.add(new Problem(user, "pack " + p.getKey(), "has " + size + " bytes but its committed objects reach "
                        + p.getValue() + ": it was truncated"));
            } else if (size > p.getValue()) {
                notes.add("pack " + p.getKey() + " of user " + user + " has " + (size - p.getValue()) + " bytes after its"
                        + " committed objects (an upload in flight, or a crash: the next start re-verifies them)");
            }
        }
        for (Path f : packFiles(user)) {
            String name = f.getFileName().toString();
            name = name.substring(0, name.length() - Layout.PACK_SUFFIX.length());
            if (!packs.containsKey(name)) {
                notes.add("pack " + name + " of user " + user + " has no committed object yet (an upload in flight, or a"
                        + " crash: the next start re-verifies or removes it)");
            }
        }
        Map<String, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);
        try {
            index.forEach(user, e -> {
                String problem = check(user, e, open);
                counts[0]++;
                counts[1] += e.size();
                if (problem != null) {
                    problems.add(new Problem(user, "object " + e.id().hex(), (e.loose() ? "(loose) " : "(pack " + e.pack()
                            + ") ") + problem));
                }
            });
        } finally {
            for (FileChannel ch : open.values()) {
                ch.close();
            }
        }
    }

    private String check(String user, ObjectIndex.Entry e, Map<String, FileChannel> open) {
        try {
            if (e.loose()) {
                return ObjectReader.problem(layout.loose(user, e.id()), e);
            }
            FileChannel ch = open.get(e.pack());
            if (ch == null) {
                try {
                    ch = FileChannel.open(layout.pack(user, e.pack()), StandardOpenOption.READ);
                } catch (NoSuchFileException gone) {
                    return "its pack is gone";
                }
                open.put(e.pack(), ch);
                if (open.size() > OPEN_PACKS) {
                    var eldest = open.entrySet().iterator();
                    eldest.next().getValue().close();
                    eldest.remove();
                }
            }
            return ObjectReader.problem(ch, e);
        } catch (IOException ex) {
            return "cannot be read: " + ex.getMessage();
        }
    }

    private List<Path> packFiles(String user) throws IOException {
        Path dir = layout.packs(user);
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + Layout.PACK_SUFFIX)) {
                s.forEach(out::add);
            }
        }
        out.sort(null);
        return out;
    }
}
