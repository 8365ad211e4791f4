package dev.omni.core.usage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.config.Config;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.UsageRecord;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Token usage of the imported conversations, grouped, with an estimated cost. Each API response
 * counts once: Claude Code writes one line per content block of a response, each repeating the
 * response's usage under one {@code message.id}, so only the last stored line of each response
 * (per conversation) is read. Conversations synced from other machines count too.
 */
public final class UsageService {
    /** How to group. */
    public enum By {
        DAY, WEEK, MONTH, PROJECT, MODEL, AGENT, MACHINE, SESSION;

        public static By parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw OmniException.invalid("cannot group usage by '" + s + "' (day, week, month, project, model, agent, machine, session)");
            }
        }
    }

    /** One group: its key, the responses counted, their tokens, and the cost of those whose model has a price. */
    public record Row(String key, long responses, Tokens tokens, Double cost, Set<String> unpriced) {
    }

    /** The report: rows (in key order; by cost for sessions and projects), the total, and the price table's date. */
    public record Report(By by, List<Row> rows, Row total, String pricesAsOf, String currency) {
    }

    private final Omni omni;

    public UsageService(Omni omni) {
        this.omni = omni;
    }

    public Report report(By by, Instant since, String projectId, ZoneId zone) {
        Prices prices = Prices.load(Config.load(omni.home().configDir()).all());
        String thisMachine = omni.machineId();
        Map<String, String> projectNames = new HashMap<>();
        new WorkspaceService(omni).projects().forEach(p -> projectNames.put(p.id(), p.name()));
        List<UsageRecord> raw = new ConversationService(omni).usage(since, projectId);
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Tokens> tokens = new HashMap<>();
        Map<String, Double> costs = new HashMap<>();
        Map<String, Set<String>> unpriced = new HashMap<>();
        for (UsageRecord r : raw) {
            String model = r.model();
            Tokens t = tokens(r.usage(), r.inputTokens(), r.outputTokens());
            String key = key(by, r, model, zone, projectNames, thisMachine);
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            tokens.merge(key, t, Tokens::plus);
            Prices.Price p = prices.of(model);
            if (p != null) {
                costs.merge(key, p.cost(t), Double::sum);
            } else if (t.total() > 0) {
                unpriced.computeIfAbsent(key, k -> new TreeSet<>()).add(model == null ? "(unknown model)" : model);
            }
        }
        List<Row> rows = new ArrayList<>();
        long n = 0;
        Tokens all = Tokens.ZERO;
        double cost = 0;
        Set<String> allUnpriced = new TreeSet<>();
        for (String k : counts.keySet()) {
            Row row = new Row(k, counts.get(k)[0], tokens.get(k), costs.get(k), unpriced.getOrDefault(k, Set.of()));
            rows.add(row);
            n += row.responses();
            all = all.plus(row.tokens());
            cost += row.cost() == null ? 0 : row.cost();
            allUnpriced.addAll(row.unpriced());
        }
        if (by == By.PROJECT || by == By.SESSION || by == By.MODEL || by == By.AGENT || by == By.MACHINE) {
            rows.sort((a, b) -> Long.compare(b.tokens().total(), a.tokens().total()));
        } else {
            rows.sort((a, b) -> a.key().compareTo(b.key()));
        }
        return new Report(by, rows, new Row("total", n, all, costs.isEmpty() ? null : cost, allUnpriced), prices.asOf(), prices.currency());
    }

    private static String key(By by, UsageRecord r, String model, ZoneId zone, Map<String, String> projects, String thisMachine) {
        return switch (by) {
            case DAY, WEEK, MONTH -> {
                Instant at = r.createdAt();
                if (at == null) {
                    yield "(no date)";
                }
                LocalDate d = at.atZone(zone).toLocalDate();
                yield by == By.DAY ? d.toString() : by == By.MONTH ? d.toString().substring(0, 7)
                        : d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
            }
            case PROJECT -> r.projectId() == null ? "(no project)" : projects.getOrDefault(r.projectId(), r.projectId());
            case MODEL -> model == null ? "(unknown model)" : model;
            case AGENT -> r.source();
            case MACHINE -> r.deviceId() == null ? "(unknown)" : r.deviceId().equals(thisMachine) ? "this machine" : r.deviceId();
            case SESSION -> r.conversationId() + (r.conversationTitle() == null ? "" : "  " + shorten(r.conversationTitle()));
        };
    }

    private static String shorten(String s) {
        return s.length() > 50 ? s.substring(0, 49) + "…" : s;
    }

    /** The four kinds of tokens of one response, from its usage record (Claude Code's or Codex's). */
    static Tokens tokens(String usage, Number in, Number out) {
        long input = in == null ? 0 : in.longValue();
        long output = out == null ? 0 : out.longValue();
        if (usage == null) {
            return new Tokens(input, output, 0, 0);
        }
        long cacheRead = 0;
        long cacheWrite = 0;
        long cachedInput = 0;
        try (JsonParser p = Json.FACTORY.createParser(usage)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Tokens(input, output, 0, 0);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                if (!t.isNumeric()) {
                    continue;
                }
                long v = p.getLongValue();
                switch (f) {
                    case "input_tokens" -> input = v;
                    case "output_tokens" -> output = v;
                    case "cache_read_input_tokens" -> cacheRead = v;
                    case "cache_creation_input_tokens" -> cacheWrite = v;
                    case "cached_input_tokens" -> cachedInput = v;
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            return new Tokens(input, output, 0, 0);
        }
        if (cachedInput > 0) {
            // Codex: cached input is part of input_tokens.
            cacheRead += cachedInput;
            input = Math.max(0, input - cachedInput);
        }
        return new Tokens(input, output, cacheRead, cacheWrite);
    }
}
