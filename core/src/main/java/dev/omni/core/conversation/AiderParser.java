package dev.omni.core.conversation;

import dev.omni.core.OmniException;
import dev.omni.core.util.InputProblem;
import dev.omni.core.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aider's {@code .aider.chat.history.md}: each {@code # aider chat started at …} begins a session
 * (a conversation of its own); {@code #### } lines are the user's, {@code > } lines aider's own
 * output (commands run, edits applied, token counts), everything else the model's reply. Code
 * fences in a reply are kept whole. Aider writes local times without a zone; they are read in
 * {@code zone}. The file only grows, so a message's position in its session is its key, and a
 * session is keyed by the file's path and its position in the file.
 */
final class AiderParser implements TranscriptParser {
    private static final String STARTED = "# aider chat started at";
    private static final Pattern MODEL = Pattern.compile("^(?:Main model|Model|Models): (\\S+)");
    private static final Pattern TOKENS = Pattern.compile("^Tokens: ([\\d.]+)([kKmM]?) sent.*?, ([\\d.]+)([kKmM]?) received");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    AiderParser(ZoneId zone) {
        this.zone = zone;
    }

    /** One session being read. */
    private final class Session {
        final int index;
        final Instant started;
        final String startedText;
        final List<ParsedMessage> messages = new ArrayList<>();
        String model;
        Role role;
        final List<String> lines = new ArrayList<>();
        boolean inFence;

        Session(int index, String startedText, Instant started) {
            this.index = index;
            this.startedText = startedText;
            this.started = started;
        }

        void add(Role r, String text) {
            if (role != r) {
                flush();
                role = r;
            }
            lines.add(text);
        }

        void blank() {
            if (role != null) {
                lines.add("");
            }
        }

        void flush() {
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            if (role != null && !lines.isEmpty()) {
                Role r = role == Role.TOOL && messages.stream().noneMatch(m -> m.role() == Role.USER) ? Role.SYSTEM : role;
                messages.add(new ParsedMessage("m" + (messages.size() + 1), null, r, String.join("\n", lines), null,
                        r == Role.ASSISTANT ? model : null, null, null, null, started));
            }
            lines.clear();
            role = null;
            inFence = false;
        }

        /** aider's "Tokens: 2.1k sent, 120 received." belongs to the reply before it. */
        void tokens(long in, long out, String line) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).role() == Role.ASSISTANT) {
                    if (messages.get(i).usage() == null) {
                        messages.set(i, messages.get(i).withUsage(in, out, "{\"aider\":" + Json.write(line) + "}"));
                    }
                    return;
                }
            }
        }
    }

    @Override
    public ParseResult parse(Path file) {
        List<InputProblem> problems = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        List<Session> sessions = new ArrayList<>();
        Session cur = null;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.startsWith(STARTED)) {
                    if (cur != null) {
                        cur.flush();
                    }
                    String when = line.substring(STARTED.length()).strip();
                    cur = new Session(sessions.size(), when, time(file, no, when, problems));
                    sessions.add(cur);
                    continue;
                }
                if (cur == null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    cur = new Session(0, "", null);
                    sessions.add(cur);
                }
                read(cur, line);
            }
        } catch (NoSuchFileException e) {
            throw OmniException.notFound("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw OmniException.invalid(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (cur != null) {
            cur.flush();
        }
        String base = real(file);
        String cwd = file.toAbsolutePath().getParent() == null ? null : real(file.toAbsolutePath().getParent());
        List<ParsedConversation> convs = new ArrayList<>();
        for (Session s : sessions) {
            if (s.messages.isEmpty()) {
                skipped.merge("empty session", 1, Integer::sum);
                continue;
            }
            convs.add(new ParsedConversation(TranscriptFormat.AIDER.source(), base + "#" + s.index + "@" + s.startedText,
                    Titles.fromMessages(s.messages), cwd, s.model, s.started, s.messages));
        }
        if (convs.isEmpty() && sessions.isEmpty()) {
            throw OmniException.invalid(file + " holds no aider chat (no '" + STARTED + "' and no '#### ' lines)");
        }
        return new ParseResult(TranscriptFormat.AIDER, convs, problems, skipped);
    }

    private void read(Session s, String line) {
        if (s.role == Role.ASSISTANT && s.inFence) {
            s.lines.add(line);
            if (line.strip().startsWith("```")) {
                s.inFence = false;
            }
            return;
        }
        if (line.startsWith("####")) {
            s.add(Role.USER, line.length() > 4 ? line.substring(line.charAt(4) == ' ' ? 5 : 4).stripTrailing() : "");
        } else if (line.startsWith(">")) {
            String text = line.length() > 1 ? line.substring(line.charAt(1) == ' ' ? 2 : 1).stripTrailing() : "";
            Matcher m = MODEL.matcher(text);
            if (m.find() && s.model == null) {
                s.model = m.group(1);
            }
            s.add(Role.TOOL, text); // first: it ends the reply the token count belongs to
            Matcher t = TOKENS.matcher(text);
            if (t.find()) {
                s.tokens(count(t.group(1), t.group(2)), count(t.group(3), t.group(4)), text);
            }
        } else if (line.isBlank()) {
            s.blank();
        } else {
            s.add(Role.ASSISTANT, line);
            if (line.strip().startsWith("```")) {
                s.inFence = true;
            }
        }
    }

    private static long count(String number, String unit) {
        double v = Double.parseDouble(number);
        return Math.round(switch (unit) {
            case "k", "K" -> v * 1_000;
            case "m", "M" -> v * 1_000_000;
            default -> v;
        });
    }

    private Instant time(Path file, long no, String text, List<InputProblem> problems) {
        try {
            return LocalDateTime.parse(text, TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new InputProblem(file, no, "cannot read the session's start time '" + text + "'"));
            return null;
        }
    }

    private static String real(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }
}
