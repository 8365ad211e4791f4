package dev.omni.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.Env;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * omni's entries in the coding agents' own settings: Claude Code's hooks ({@code .claude/settings.json})
 * and MCP servers ({@code .mcp.json}, or {@code ~/.claude.json} for the user), Codex's hooks
 * ({@code .codex/hooks.json}), its {@code notify} program and MCP servers ({@code config.toml}).
 * Installing twice changes nothing; uninstalling removes exactly what installing added; every other
 * byte of those files stays as it was. Files are replaced atomically, keeping their permissions.
 */
public final class AgentSettings {
    /** The agents omni installs into. */
    public enum Agent {
        CLAUDE("claude"), CODEX("codex");

        private final String wire;

        Agent(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Agent parse(String s) {
            for (Agent a : values()) {
                if (a.wire.equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw OmniException.invalid("unknown agent '" + s + "' (claude or codex)");
        }
    }

    /** The hook events omni handles, in the order they are written. */
    public static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "Stop", "SubagentStop", "PreCompact");
    /** Seconds an agent waits for one of omni's hooks. */
    static final int TIMEOUT = 30;
    /** Codex's first release with hooks enabled by default. */
    static final int[] CODEX_HOOKS_SINCE = {0, 124, 0};
    private static final Pattern OURS = Pattern.compile("(^|[/\\\\\\s'\"])omni['\"]?(\\s+--home\\s+('[^']*'|\"[^\"]*\"|\\S+))?\\s+(hook|mcp)\\b");

    private final Env env;
    private final List<String> command;

    /**
     * @param command how an agent starts omni: the launcher and, for a home other than the default,
     *                {@code --home DIR} (the hook adds {@code hook <agent>}, the MCP entry {@code mcp})
     */
    public AgentSettings(Env env, List<String> command) {
        this.env = env;
        this.command = List.copyOf(command);
    }

    /** Where an agent's settings live: the project (a directory) or the user's. */
    public record Scope(Path projectRoot, boolean global) {
        public static Scope project(Path root) {
            return new Scope(root, false);
        }

        public static Scope user() {
            return new Scope(null, true);
        }
    }

    /** What installing or uninstalling did to one file. */
    public record Change(Path file, boolean changed, String what) {
    }

    // ---- files ----

    private Path claudeDir() {
        String d = env.get("CLAUDE_CONFIG_DIR");
        return d != null ? Path.of(d) : env.userHome().resolve(".claude");
    }

    private Path codexDir() {
        String d = env.get("CODEX_HOME");
        return d != null ? Path.of(d) : env.userHome().resolve(".codex");
    }

    public Path hooksFile(Agent a, Scope s) {
        return switch (a) {
            case CLAUDE -> s.global() ? claudeDir().resolve("settings.json") : s.projectRoot().resolve(".claude/settings.json");
            case CODEX -> s.global() ? codexDir().resolve("hooks.json") : s.projectRoot().resolve(".codex/hooks.json");
        };
    }

    public Path mcpFile(Agent a, Scope s) {
        return switch (a) {
            case CLAUDE -> s.global() ? (env.get("CLAUDE_CONFIG_DIR") != null ? claudeDir().resolve(".claude.json")
                    : env.userHome().resolve(".claude.json")) : s.projectRoot().resolve(".mcp.json");
            case CODEX -> configToml(s);
        };
    }

    private Path configToml(Scope s) {
        return s.global() ? codexDir().resolve("config.toml") : s.projectRoot().resolve(".codex/config.toml");
    }

    // ---- hooks ----

    /** The command an agent runs for every hook event. */
    public String hookCommand(Agent a) {
        List<String> c = new ArrayList<>(command);
        c.add("hook");
        c.add(a.wire());
        return shell(c);
    }

    /**
     * Whether Codex is to be told about turns through its {@code notify} program rather than hooks:
     * when {@code codexVersion} (what {@code codex --version} printed; null when unknown) is older
     * than the first release with hooks.
     */
    public static boolean codexNeedsNotify(String codexVersion) {
        if (codexVersion == null) {
            return false;
        }
        java.util.regex.Matcher m = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)").matcher(codexVersion);
        if (!m.find()) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            int v = Integer.parseInt(m.group(i + 1));
            if (v != CODEX_HOOKS_SINCE[i]) {
                return v < CODEX_HOOKS_SINCE[i];
            }
        }
        return false;
    }

    public Change installHooks(Agent a, Scope s) {
        Path f = hooksFile(a, s);
        String text = read(f);
        if (text != null && installedHooks(text, f, hookCommand(a))) {
            return new Change(f, false, "already installed");
        }
        // Our old entries (another launcher path, a missing event) go; the current ones are added.
        String out = text == null ? "{}\n" : withoutOurHooks(text, f);
        ObjectNode group = Json.mapper().createObjectNode();
        ObjectNode hook = group.putArray("hooks").addObject();
        hook.put("type", "command").put("command", hookCommand(a)).put("timeout", TIMEOUT);
        for (String event : EVENTS) {
            JsonEdit.Obj root = JsonEdit.parse(out, f.toString());
            JsonEdit.Member hooks = root.member("hooks");
            if (hooks == null) {
                out = JsonEdit.setMember(out, root, "hooks", "{}");
                root = JsonEdit.parse(out, f.toString());
                hooks = root.member("hooks");
            }
            if (!(hooks.value() instanceof JsonEdit.Obj ho)) {
                throw OmniException.invalid(f + ": \"hooks\" is not an object; left as it is");
            }
            JsonEdit.Member ev = ho.member(event);
            if (ev == null) {
                out = JsonEdit.setMember(out, ho, event, "[" + pretty(group) + "]");
            } else if (ev.value() instanceof JsonEdit.Arr arr) {
                out = JsonEdit.append(out, arr, pretty(group));
            } else {
                throw OmniException.invalid(f + ": hooks." + event + " is not an array; left as it is");
            }
        }
        write(f, out);
        return new Change(f, true, "hooks for " + String.join(", ", EVENTS));
    }

    /** Every event has exactly one group of ours, running {@code command}. */
    private static boolean installedHooks(String text, Path f, String command) {
        JsonEdit.parse(text, f.toString());
        try {
            JsonNode hooks = Json.mapper().readTree(text).path("hooks");
            for (String ev : EVENTS) {
                int ours = 0;
                for (JsonNode g : hooks.path(ev)) {
                    if (isOurGroup(g.toString())) {
                        ours++;
                        for (JsonNode h : g.path("hooks")) {
                            if (!h.path("command").asText("").equals(command)) {
                                return false;
                            }
                        }
                    }
                }
                if (ours != 1) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Change uninstallHooks(Agent a, Scope s) {
        Path f = hooksFile(a, s);
        String text = read(f);
        if (text == null) {
            return new Change(f, false, "no such file");
        }
        String out = withoutOurHooks(text, f);
        if (out.equals(text)) {
            return new Change(f, false, "not installed");
        }
        write(f, out);
        return new Change(f, true, "hooks removed");
    }

    /** {@code text} without omni's hook groups (and without the arrays and object they leave empty). */
    private static String withoutOurHooks(String text, Path f) {
        String out = text;
        boolean removed = true;
        while (removed) {
            removed = false;
            JsonEdit.Obj root = JsonEdit.parse(out, f.toString());
            JsonEdit.Member hooks = root.member("hooks");
            if (hooks == null || !(hooks.value() instanceof JsonEdit.Obj ho)) {
                return out;
            }
            for (JsonEdit.Member ev : ho.members) {
                if (!(ev.value() instanceof JsonEdit.Arr arr)) {
                    continue;
                }
                for (int i = 0; i < arr.items.size(); i++) {
                    if (isOurGroup(JsonEdit.source(out, arr.items.get(i)))) {
                        out = arr.items.size() == 1 ? (ho.members.size() == 1 ? JsonEdit.removeMember(out, root, hooks)
                                : JsonEdit.removeMember(out, ho, ev)) : JsonEdit.removeItem(out, arr, i);
                        removed = true;
                        break;
                    }
                }
                if (removed) {
                    break;
                }
            }
        }
        return out;
    }

    private static boolean isOurGroup(String json) {
        try {
            JsonNode g = Json.mapper().readTree(json);
            JsonNode hooks = g.path("hooks");
            if (!hooks.isArray() || hooks.isEmpty()) {
                return false;
            }
            for (JsonNode h : hooks) {
                if (!OURS.matcher(h.path("command").asText("")).find()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Codex's {@code notify} program: the one way older versions report turns. */
    public Change installNotify(Scope s) {
        Path f = configToml(s);
        String text = read(f);
        String body = text == null ? "" : text;
        String existing = TomlEdit.topLevelLine(body, "notify");
        List<String> argv = new ArrayList<>(command);
        argv.add("hook");
        argv.add("codex");
        if (existing != null && !isOurNotify(existing)) {
            throw OmniException.conflict(f + " already sets notify to another program (" + existing.strip()
                    + "); Codex runs only one; remove it to let omni take the checkpoints");
        }
        String out = TomlEdit.setTopLevel(body, "notify", TomlEdit.array(argv), f.toString());
        if (out.equals(text)) {
            return new Change(f, false, "already installed");
        }
        write(f, out);
        return new Change(f, true, "notify = " + TomlEdit.array(argv));
    }

    /** A {@code notify = [...]} line that runs {@code … omni … hook codex}. */
    private static boolean isOurNotify(String line) {
        JsonNode argv = TomlEdit.parse(line, "notify").path("notify");
        List<String> words = new ArrayList<>();
        argv.forEach(w -> words.add(w.asText()));
        int hook = words.indexOf("hook");
        return !words.isEmpty() && words.get(0).matches(".*(^|/)omni[^/]*") && hook > 0 && hook == words.size() - 2
                && words.get(hook + 1).equals("codex");
    }

    public Change uninstallNotify(Scope s) {
        Path f = configToml(s);
        String text = read(f);
        String existing = text == null ? null : TomlEdit.topLevelLine(text, "notify");
        if (existing == null || !isOurNotify(existing)) {
            return new Change(f, false, "not installed");
        }
        write(f, TomlEdit.removeTopLevel(text, "notify", f.toString()));
        return new Change(f, true, "notify removed");
    }

    // ---- MCP ----

    public List<String> mcpArgs() {
        List<String> args = new ArrayList<>(command.subList(1, command.size()));
        args.add("mcp");
        return args;
    }

    public Change installMcp(Agent a, Scope s) {
        Path f = mcpFile(a, s);
        String text = read(f);
        String out;
        if (a == Agent.CLAUDE) {
            ObjectNode entry = Json.mapper().createObjectNode();
            entry.put("type", "stdio").put("command", command.get(0));
            ArrayNode args = entry.putArray("args");
            mcpArgs().forEach(args::add);
            out = text == null ? "{}\n" : text;
            JsonEdit.Obj root = JsonEdit.parse(out, f.toString());
            JsonEdit.Member servers = root.member("mcpServers");
            if (servers == null) {
                out = JsonEdit.setMember(out, root, "mcpServers", "{}");
                root = JsonEdit.parse(out, f.toString());
                servers = root.member("mcpServers");
            }
            if (!(servers.value() instanceof JsonEdit.Obj so)) {
                throw OmniException.invalid(f + ": \"mcpServers\" is not an object; left as it is");
            }
            JsonEdit.Member existing = so.member("omni");
            if (existing != null && sameJson(JsonEdit.source(out, existing.value()), entry)) {
                return new Change(f, false, "already installed");
            }
            out = JsonEdit.setMember(out, so, "omni", pretty(entry));
        } else {
            String body = "command = " + TomlEdit.string(command.get(0)) + "\nargs = " + TomlEdit.array(mcpArgs()) + "\n";
            String base = text == null ? "" : text;
            if (body.equals(TomlEdit.tableBody(base, "mcp_servers.omni"))) {
                return new Change(f, false, "already installed");
            }
            out = TomlEdit.setTable(base, "mcp_servers.omni", body, f.toString());
        }
        write(f, out);
        return new Change(f, true, "MCP server 'omni'");
    }

    public Change uninstallMcp(Agent a, Scope s) {
        Path f = mcpFile(a, s);
        String text = read(f);
        if (text == null) {
            return new Change(f, false, "no such file");
        }
        String out;
        if (a == Agent.CLAUDE) {
            JsonEdit.Obj root = JsonEdit.parse(text, f.toString());
            JsonEdit.Member servers = root.member("mcpServers");
            if (servers == null || !(servers.value() instanceof JsonEdit.Obj so) || so.member("omni") == null) {
                return new Change(f, false, "not installed");
            }
            out = so.members.size() == 1 ? JsonEdit.removeMember(text, root, servers) : JsonEdit.removeMember(text, so, so.member("omni"));
        } else {
            out = TomlEdit.removeTable(text, "mcp_servers.omni", f.toString());
            if (out.equals(text)) {
                return new Change(f, false, "not installed");
            }
        }
        write(f, out);
        return new Change(f, true, "MCP server 'omni' removed");
    }

    // ---- status ----

    /** What omni has installed in one file: for hooks, the events; for MCP, the command. */
    public record Installed(Path file, boolean present, List<String> entries) {
    }

    public Installed hooksStatus(Agent a, Scope s) {
        Path f = hooksFile(a, s);
        String text = read(f);
        List<String> events = new ArrayList<>();
        if (text != null) {
            try {
                JsonNode hooks = Json.mapper().readTree(text).path("hooks");
                hooks.fieldNames().forEachRemaining(ev -> {
                    for (JsonNode g : hooks.path(ev)) {
                        if (isOurGroup(g.toString()) && !events.contains(ev)) {
                            events.add(ev);
                        }
                    }
                });
            } catch (IOException e) {
                events.add("(unreadable: " + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            events.sort(java.util.Comparator.comparingInt(e -> EVENTS.indexOf(e) < 0 ? EVENTS.size() : EVENTS.indexOf(e)));
        }
        if (a == Agent.CODEX) {
            String toml = read(configToml(s));
            String notify = toml == null ? null : TomlEdit.topLevelLine(toml, "notify");
            if (notify != null && isOurNotify(notify)) {
                events.add("notify (" + configToml(s) + ")");
            }
        }
        return new Installed(f, text != null, events);
    }

    public Installed mcpStatus(Agent a, Scope s) {
        Path f = mcpFile(a, s);
        String text = read(f);
        if (text == null) {
            return new Installed(f, false, List.of());
        }
        if (a == Agent.CLAUDE) {
            try {
                JsonNode e = Json.mapper().readTree(text).path("mcpServers").path("omni");
                return new Installed(f, true, e.isMissingNode() ? List.of() : List.of(e.path("command").asText("") + " "
                        + String.join(" ", Json.mapper().convertValue(e.path("args"), String[].class))));
            } catch (IOException | IllegalArgumentException e) {
                return new Installed(f, true, List.of());
            }
        }
        String body = TomlEdit.tableBody(text, "mcp_servers.omni");
        return new Installed(f, true, body == null ? List.of() : List.of(body.strip().replace('\n', ' ')));
    }

    // ---- helpers ----

    private static boolean sameJson(String a, JsonNode b) {
        try {
            return Json.mapper().readTree(a).equals(b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Two-space indented JSON with {@code "key": value}, as settings files are usually written. */
    static String pretty(JsonNode n) {
        StringBuilder b = new StringBuilder();
        pretty(n, 0, b);
        return b.toString();
    }

    private static void pretty(JsonNode n, int depth, StringBuilder b) {
        String in = "  ".repeat(depth + 1);
        if (n.isObject() && n.size() > 0) {
            b.append("{\n");
            var it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(in).append(JsonEdit.quote(e.getKey())).append(": ");
                pretty(e.getValue(), depth + 1, b);
                b.append(it.hasNext() ? ",\n" : "\n");
            }
            b.append("  ".repeat(depth)).append('}');
        } else if (n.isArray() && n.size() > 0) {
            b.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                b.append(in);
                pretty(n.get(i), depth + 1, b);
                b.append(i < n.size() - 1 ? ",\n" : "\n");
            }
            b.append("  ".repeat(depth)).append(']');
        } else {
            b.append(n.toString());
        }
    }

    /** A command line for {@code sh -c}: words quoted only where needed. */
    static String shell(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(w.matches("[A-Za-z0-9_./:=@%+-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return String.join(" ", out);
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code f} atomically (temp file, fsync, rename), keeping its permissions. */
    private static void write(Path f, String text) {
        try {
            Path dir = f.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + f.getFileName() + ".", ".omni-tmp");
            try {
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                }
                if (Files.exists(f)) {
                    try {
                        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                        Files.setPosixFilePermissions(tmp, perms);
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system: the default permissions
                    }
                } else {
                    try {
                        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                    } catch (UnsupportedOperationException e) {
                        // as above
                    }
                }
                try {
                    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    /** Everything installed, by file, for {@code omni hooks status} and {@code omni mcp status}. */
    public Map<String, Installed> all(Scope project) {
        Map<String, Installed> out = new LinkedHashMap<>();
        for (Agent a : Agent.values()) {
            for (Scope s : project == null ? List.of(Scope.user()) : List.of(project, Scope.user())) {
                String where = a.wire() + (s.global() ? " (user)" : " (project)");
                out.put("hooks " + where, hooksStatus(a, s));
                out.put("mcp " + where, mcpStatus(a, s));
            }
        }
        return out;
    }
}
