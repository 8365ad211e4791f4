package dev.omni.core.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Warnings;
import dev.omni.core.util.InputProblem;
import dev.omni.core.util.Json;
import dev.omni.core.workspace.WorkspaceService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Memory in and out of the store: {@code export} as Markdown (to read) or JSON Lines (to move), and
 * {@code import} of JSON Lines. An import applies each item by last-writer-wins on
 * {@code (updated_at, device_id)}, as sync will: importing the same file twice changes nothing, and
 * an older copy never overwrites a newer one.
 */
public final class MemoryTransfer {
    private final Omni omni;

    public MemoryTransfer(Omni omni) {
        this.omni = omni;
    }

    /** Every item {@code f} selects, live and soft-deleted, one JSON object per line, oldest first. */
    public int exportJsonl(MemoryFilter f, PrintWriter out) {
        List<MemoryItem> items = omni.db().read(c -> {
            List<MemoryItem> l = new ArrayList<>(Memories.list(c, f.withDeleted(false)));
            l.addAll(Memories.list(c, f.withDeleted(true)));
            return l;
        });
        items.sort(Comparator.comparing(MemoryItem::createdAt).thenComparing(MemoryItem::id));
        for (MemoryItem m : items) {
            out.println(Json.write(MemoryCodec.toMap(m, true)));
        }
        out.flush();
        return items.size();
    }

    /** The live items {@code f} selects as Markdown, grouped by type, most important first. */
    public int exportMarkdown(MemoryFilter f, String title, PrintWriter out) {
        List<MemoryItem> items = new ArrayList<>(omni.db().read(c -> Memories.list(c, f.withDeleted(false))));
        items.sort(Comparator.comparing(MemoryItem::type).thenComparing(Comparator.comparingDouble(MemoryItem::importance).reversed())
                .thenComparing(MemoryItem::createdAt));
        out.println("# " + title);
        MemoryType current = null;
        for (MemoryItem m : items) {
            if (m.type() != current) {
                current = m.type();
                out.println();
                out.println("## " + ContextDigest.heading(current));
                out.println();
            }
            out.println("- " + m.content().replace("\n", "\n  "));
            if (m.rationale() != null) {
                out.println("  - why: " + m.rationale().replace("\n", "\n    "));
            }
            StringBuilder meta = new StringBuilder("  - `").append(m.id()).append('`');
            if (m.category() != null) {
                meta.append(", ").append(m.category().wire());
            }
            if (m.status() != null) {
                meta.append(", ").append(m.status().wire()).append(", priority ").append(m.priority());
                if (m.effort() != null) {
                    meta.append(", ").append(m.effort().wire());
                }
            }
            meta.append(", importance ").append(m.importance());
            for (String t : m.tags()) {
                meta.append(" #").append(t);
            }
            meta.append(", ").append(m.projectId() == null ? "global" : "project " + m.projectId());
            out.println(meta);
        }
        out.flush();
        return items.size();
    }

    /** What an import did. */
    public record ImportReport(int added, int updated, int unchanged, int older, List<InputProblem> problems) {
        public int rejected() {
            return problems.size();
        }
    }

    /**
     * Imports the JSON Lines file {@code file}. Items of projects this store does not know go to
     * {@code targetProject} when given (else they keep their project). A bad line is reported with
     * its number and skipped; a file that cannot be read as UTF-8 text is refused whole. All items
     * are written in one transaction.
     */
    public ImportReport importJsonl(Path file, String targetProject, Warnings warnings) {
        List<MemoryItem> items = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = Json.mapper().readTree(line);
                    items.add(MemoryCodec.fromJson(n));
                } catch (IOException e) {
                    problems.add(report(warnings, new InputProblem(file, no, "not valid JSON: " + firstLine(e.getMessage()))));
                } catch (OmniException e) {
                    problems.add(report(warnings, new InputProblem(file, no, e.getMessage())));
                }
            }
        } catch (NoSuchFileException e) {
            throw OmniException.notFound("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw OmniException.invalid(file + " is not UTF-8 text; nothing imported");
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        int[] counts = new int[4];
        omni.db().write(c -> {
            for (MemoryItem in : items) {
                MemoryItem m = in;
                if (m.projectId() != null && targetProject != null && new WorkspaceService(omni).findProject(m.projectId()).isEmpty()) {
                    m = m.toBuilder().projectId(targetProject).build();
                }
                MemoryItem local = Memories.find(c, m.id()).orElse(null);
                if (local == null) {
                    Memories.write(c, m, "create");
                    counts[0]++;
                } else if (m.newerThan(local)) {
                    Memories.write(c, m.toBuilder().access(local.accessCount(), local.accessedAt()).build(),
                            m.deleted() == local.deleted() ? "update" : m.deleted() ? "delete" : "restore");
                    counts[1]++;
                } else if (m.updatedAt().equals(local.updatedAt()) && m.deviceId().equals(local.deviceId())) {
                    counts[2]++;
                } else {
                    counts[3]++;
                }
            }
            return null;
        });
        return new ImportReport(counts[0], counts[1], counts[2], counts[3], List.copyOf(problems));
    }

    private static InputProblem report(Warnings w, InputProblem p) {
        w.warn(null, p.toString());
        return p;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
