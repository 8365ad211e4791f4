package dev.omni.core.archive;

import com.github.luben.zstd.ZstdInputStream;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeCodec;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.objects.ObjectInserter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a .tar.zst, .tar.gz or .zip into the object store and builds its tree. Every entry is
 * checked first: an absolute path, a {@code ..}, a NUL in a name, or a symlink or hard link that
 * points outside the archive's root refuses the whole archive with a clear error, and the objects
 * written so far are discarded with the uncommitted inserter.
 */
public final class ArchiveImporter {
    private final ObjectInserter inserter;
    private final Warnings warnings;
    /** Directory path → its entries by name ("" is the root). */
    private final Map<String, Map<String, TreeEntry>> dirs = new HashMap<>();
    private long files;
    private long bytes;

    public ArchiveImporter(ObjectInserter inserter, Warnings warnings) {
        this.inserter = inserter;
        this.warnings = warnings;
        dirs.put("", new TreeMap<>(PathRules.UTF8_ORDER));
    }

    /** The imported tree. */
    public record Imported(ObjectId root, long files, long bytes) {
    }

    public Imported read(Path archive, Progress progress) {
        ArchiveFormat format = ArchiveFormat.of(archive);
        if (!Files.isRegularFile(archive)) {
            throw OmniException.notFound("no archive at " + archive);
        }
        progress.start("Importing", -1, "entries");
        try {
            if (format == ArchiveFormat.ZIP) {
                readZip(archive, progress);
            } else {
                readTar(archive, format, progress);
            }
        } catch (IOException e) {
            throw OmniException.invalid("cannot read " + archive.getFileName() + ": " + e.getMessage()
                    + " (is it a complete " + format.name().toLowerCase().replace('_', '.') + " archive?)");
        } finally {
            progress.finish();
        }
        return new Imported(buildTree(""), files, bytes);
    }

    private void readTar(Path archive, ArchiveFormat format, Progress progress) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        InputStream in = format == ArchiveFormat.TAR_ZST ? new ZstdInputStream(raw) : new GzipCompressorInputStream(raw);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String path = checkedPath(e.getName());
                if (path == null) {
                    continue;
                }
                if (e.isDirectory()) {
                    ensureDir(path);
                } else if (e.isSymbolicLink()) {
                    checkLinkTarget(path, e.getLinkName());
                    put(path, TreeEntry.symlink(leaf(path), e.getLinkName()));
                } else if (e.isLink()) {
                    String target = checkedPath(e.getLinkName());
                    TreeEntry t = target == null ? null : lookup(target);
                    if (t == null || !t.isFile()) {
                        throw OmniException.invalid("refused: hard link " + PathRules.printable(path) + " points to "
                                + PathRules.printable(e.getLinkName()) + ", which is not an earlier file of the archive");
                    }
                    put(path, TreeEntry.file(leaf(path), (e.getMode() & 0100) != 0, t.size(), t.hash()));
                } else if (e.isFile()) {
                    ObjectInserter.Inserted ins = inserter.insertStream(tar);
                    put(path, TreeEntry.file(leaf(path), (e.getMode() & 0100) != 0, ins.size(), ins.id()));
                    files++;
                    bytes += ins.size();
                } else {
                    warnings.warn(path, "is not a file, directory or link in the archive; left out");
                }
                progress.advance(1);
            }
        }
    }

    private void readZip(Path archive, Progress progress) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder();
            while (en.hasMoreElements()) {
                ZipArchiveEntry e = en.nextElement();
                String path = checkedPath(e.getName());
                if (path == null) {
                    continue;
                }
                if (e.isDirectory()) {
                    ensureDir(path);
                } else if (e.isUnixSymlink()) {
                    String target;
                    try (InputStream in = zip.getInputStream(e)) {
                        target = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    }
                    checkLinkTarget(path, target);
                    put(path, TreeEntry.symlink(leaf(path), target));
                } else {
                    try (InputStream in = zip.getInputStream(e)) {
                        ObjectInserter.Inserted ins = inserter.insertStream(in);
                        put(path, TreeEntry.file(leaf(path), (e.getUnixMode() & 0100) != 0, ins.size(), ins.id()));
                        files++;
                        bytes += ins.size();
                    }
                }
                progress.advance(1);
            }
        }
    }

    /** The entry's path without leading "./" and trailing "/", or a refusal; null for the root itself. */
    static String checkedPath(String name) {
        if (name == null) {
            throw OmniException.invalid("refused: an entry has no name");
        }
        if (name.indexOf('\0') >= 0) {
            throw OmniException.invalid("refused: entry name contains a NUL character: " + PathRules.printable(name));
        }
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            throw OmniException.invalid("refused: entry has an absolute path: " + PathRules.printable(name));
        }
        String p = name;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || p.equals(".")) {
            return null;
        }
        for (String seg : p.split("/", -1)) {
            if (seg.equals("..")) {
                throw OmniException.invalid("refused: entry escapes the archive root with '..': " + PathRules.printable(name));
            }
        }
        String why = PathRules.whyBadPath(p);
        if (why != null) {
            throw OmniException.invalid("refused: " + why);
        }
        return p;
    }

    /** A symlink must stay inside the tree: no absolute target, no climbing above the root. */
    static void checkLinkTarget(String path, String target) {
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
            throw OmniException.invalid("refused: symlink " + PathRules.printable(path) + " has an invalid target");
        }
        if (target.startsWith("/")) {
            throw OmniException.invalid("refused: symlink " + PathRules.printable(path) + " points outside the archive ("
                    + PathRules.printable(target) + ")");
        }
        int depth = path.split("/").length - 1;
        for (String seg : target.split("/")) {
            if (seg.equals("..")) {
                depth--;
                if (depth < 0) {
                    throw OmniException.invalid("refused: symlink " + PathRules.printable(path) + " points outside the archive ("
                            + PathRules.printable(target) + ")");
                }
            } else if (!seg.isEmpty() && !seg.equals(".")) {
                depth++;
            }
        }
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i);
    }

    private Map<String, TreeEntry> ensureDir(String path) {
        Map<String, TreeEntry> d = dirs.get(path);
        if (d != null) {
            return d;
        }
        Map<String, TreeEntry> parentDir = ensureDir(parent(path));
        TreeEntry existing = parentDir.get(leaf(path));
        if (existing != null && !existing.isDir()) {
            throw OmniException.invalid("refused: " + PathRules.printable(path) + " is both a file and a directory in the archive");
        }
        d = new TreeMap<>(PathRules.UTF8_ORDER);
        dirs.put(path, d);
        // A placeholder; buildTree fills in the real subtree id.
        parentDir.put(leaf(path), TreeEntry.dir(leaf(path), Hashing.sha256(new byte[0])));
        return d;
    }

    private void put(String path, TreeEntry e) {
        if (dirs.containsKey(path)) {
            throw OmniException.invalid("refused: " + PathRules.printable(path) + " is both a directory and a file in the archive");
        }
        ensureDir(parent(path)).put(e.name(), e);
    }

    private TreeEntry lookup(String path) {
        Map<String, TreeEntry> d = dirs.get(parent(path));
        return d == null ? null : d.get(leaf(path));
    }

    private ObjectId buildTree(String path) {
        List<TreeEntry> entries = new ArrayList<>();
        for (TreeEntry e : dirs.get(path).values()) {
            entries.add(e.isDir() ? TreeEntry.dir(e.name(), buildTree(PathRules.join(path, e.name()))) : e);
        }
        byte[] bytes = TreeCodec.encode(new Tree(entries));
        ObjectId id = Hashing.sha256(bytes);
        inserter.insertTree(id, bytes);
        return id;
    }
}
