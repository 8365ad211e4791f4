package dev.omni.core.conversation;

import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.core.Warnings;
import dev.omni.core.store.Database;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the agent transcripts of the registered workspaces in their tools' default places and
 * imports what is new: Claude Code's {@code ~/.claude/projects/<dir>/*.jsonl} (the directory is the
 * cwd with every character other than a letter or digit turned into '-'; {@code $CLAUDE_CONFIG_DIR}
 * moves {@code ~/.claude}), Codex's {@code ~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl}
 * ({@code $CODEX_HOME} moves {@code ~/.codex}) whose session cwd is in a workspace, and
 * {@code .aider.chat.history.md} at each workspace root. A file whose size and modification time
 * are what the last scan saw is not read again.
 */
public final class TranscriptScanner {
    private final Omni omni;
    private final ConversationService service;

    TranscriptScanner(Omni omni, ConversationService service) {
        this.omni = omni;
        this.service = service;
    }

    /** What a scan did. */
    public record Report(int candidates, int unchanged, List<ConversationService.FileReport> files) {
        public int newMessages() {
            return files.stream().mapToInt(ConversationService.FileReport::added).sum();
        }

        public long newConversations() {
            return files.stream().flatMap(f -> f.conversations().stream()).filter(ConversationService.Imported::created).count();
        }

        public long rejected() {
            return files.stream().filter(f -> f.rejected() != null).count();
        }
    }

    /** A transcript to look at, and the workspace its location suggests (may be null). */
    record Candidate(Path file, Workspace hint) {
    }

    /** A file's size and time as seen, recorded once its import committed. */
    record Seen(String path, long size, long modifiedMs) {
        void record(Connection c, Instant now) throws SQLException {
            Database.update(c, "INSERT INTO transcript_files(path, size, modified_ms, scanned_at) VALUES (?,?,?,?)"
                    + " ON CONFLICT(path) DO UPDATE SET size = excluded.size, modified_ms = excluded.modified_ms,"
                    + " scanned_at = excluded.scanned_at", path, size, modifiedMs, Times.format(now));
        }
    }

    Report scan(Warnings warnings) {
        List<Workspace> workspaces = new WorkspaceService(omni).workspaces(null).stream()
                .filter(w -> w.localPath() != null && Files.isDirectory(w.localPath())).toList();
        List<Candidate> candidates = candidates(omni.env(), workspaces);
        int unchanged = 0;
        List<ConversationService.FileReport> reports = new ArrayList<>();
        for (Candidate cand : candidates) {
            Seen seen = seen(cand.file());
            if (seen == null) {
                continue;
            }
            boolean same = omni.db().read(c -> Database.queryLong(c,
                    "SELECT count(*) FROM transcript_files WHERE path = ? AND size = ? AND modified_ms = ?", 0,
                    seen.path(), seen.size(), seen.modifiedMs()) > 0);
            if (same) {
                unchanged++;
                continue;
            }
            reports.add(service.importFile(cand.file(), cand.hint(), false, seen, warnings));
        }
        return new Report(candidates.size(), unchanged, reports);
    }

    private static Seen seen(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Seen(file.toAbsolutePath().normalize().toString(), a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return null;
        }
    }

    static List<Candidate> candidates(Env env, List<Workspace> workspaces) {
        List<Candidate> out = new ArrayList<>();
        claude(env, workspaces, out);
        codex(env, workspaces, out);
        for (Workspace w : workspaces) {
            Path aider = w.localPath().resolve(".aider.chat.history.md");
            if (Files.isRegularFile(aider)) {
                out.add(new Candidate(aider, w));
            }
        }
        return out;
    }

    /** Claude Code's directory name for a cwd. */
    static String claudeDir(Path cwd) {
        return cwd.toString().replaceAll("[^A-Za-z0-9]", "-");
    }

    private static void claude(Env env, List<Workspace> workspaces, List<Candidate> out) {
        String configDir = env.get("CLAUDE_CONFIG_DIR");
        Path projects = (configDir != null ? Path.of(configDir) : env.userHome().resolve(".claude")).resolve("projects");
        if (!Files.isDirectory(projects)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(projects, Files::isDirectory)) {
            List<Path> sorted = new ArrayList<>();
            dirs.forEach(sorted::add);
            sorted.sort(null);
            for (Path dir : sorted) {
                String name = dir.getFileName().toString();
                Workspace exact = null;
                boolean below = false;
                for (Workspace w : workspaces) {
                    String enc = claudeDir(w.localPath());
                    if (name.equals(enc)) {
                        exact = w;
                    } else if (name.startsWith(enc + "-")) {
                        below = true; // a subdirectory of the workspace, or a sibling with a longer name: the cwd decides
                    }
                }
                if (exact == null && !below) {
                    continue;
                }
                for (Path f : sessionFiles(dir)) {
                    out.add(new Candidate(f, exact));
                }
            }
        } catch (IOException e) {
            // an unreadable directory holds nothing we can import
        }
    }

    /**
     * A project directory's session files, each followed by its subagents' files
     * ({@code <session>/subagents/agent-<id>.jsonl}, where newer Claude Code versions keep them).
     */
    static List<Path> sessionFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(f)).sorted().toList()) {
                out.add(f);
                out.addAll(subagentFiles(f));
            }
        }
        return out;
    }

    /** The subagent transcripts beside a Claude Code session file, in name order. */
    public static List<Path> subagentFiles(Path sessionFile) {
        String name = sessionFile.getFileName().toString();
        Path sub = sessionFile.resolveSibling(name.substring(0, name.length() - ".jsonl".length())).resolve("subagents");
        if (!name.endsWith(".jsonl") || !Files.isDirectory(sub)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(sub)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void codex(Env env, List<Workspace> workspaces, List<Candidate> out) {
        String home = env.get("CODEX_HOME");
        Path sessions = (home != null ? Path.of(home) : env.userHome().resolve(".codex")).resolve("sessions");
        if (!Files.isDirectory(sessions)) {
            return;
        }
        try (Stream<Path> s = Files.walk(sessions, 4)) {
            for (Path f : s.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("rollout-") && n.endsWith(".jsonl") && Files.isRegularFile(f);
            }).sorted().toList()) {
                String cwd = codexCwd(f);
                if (cwd != null && ConversationService.place(cwd, null, workspaces).workspaceId() != null) {
                    out.add(new Candidate(f, null));
                }
            }
        } catch (IOException e) {
            // as above
        }
    }

    /** The cwd of a rollout's session_meta (its first line), read without parsing the whole file. */
    private static String codexCwd(Path f) {
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                return null;
            }
            var n = Json.mapper().readTree(first);
            var p = n.path("payload");
            return n.path("type").asText("").equals("session_meta") ? p.path("cwd").asText(null) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
