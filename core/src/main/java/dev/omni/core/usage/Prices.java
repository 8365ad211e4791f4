package dev.omni.core.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Model prices per million tokens: the table shipped with omni ({@code prices.json}, dated), with the
 * user's overrides from {@code config.toml} ({@code price."MODEL".input = 3.0}, also {@code output},
 * {@code cache_read}, {@code cache_write}). A model matches its entry, else the longest entry its
 * name starts with; a model with no entry has no cost.
 */
public final class Prices {
    /** Dollars per million tokens of each kind. */
    public record Price(double input, double output, double cacheRead, double cacheWrite) {
        double cost(Tokens t) {
            return (t.input() * input + t.output() * output + t.cacheRead() * cacheRead + t.cacheWrite() * cacheWrite) / 1e6;
        }
    }

    private final Map<String, Price> models;
    private final String asOf;
    private final String currency;

    private Prices(Map<String, Price> models, String asOf, String currency) {
        this.models = models;
        this.asOf = asOf;
        this.currency = currency;
    }

    /** The shipped table with {@code config}'s overrides (its {@code price.…} entries; may be empty). */
    public static Prices load(Map<String, String> config) {
        Map<String, Price> m = new HashMap<>();
        JsonNode root;
        try (InputStream in = Prices.class.getResourceAsStream("prices.json")) {
            root = Json.mapper().readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("omni's price table is missing", e);
        }
        root.path("models").fields().forEachRemaining(e -> m.put(e.getKey(), new Price(e.getValue().path("input").asDouble(),
                e.getValue().path("output").asDouble(), e.getValue().path("cache_read").asDouble(), e.getValue().path("cache_write").asDouble())));
        boolean overridden = false;
        for (Map.Entry<String, String> e : config.entrySet()) {
            if (!e.getKey().startsWith("price.")) {
                continue;
            }
            String rest = e.getKey().substring("price.".length());
            int dot = rest.lastIndexOf('.');
            if (dot <= 0) {
                throw OmniException.invalid("config.toml: " + e.getKey() + ": expected price.\"MODEL\".input (or output, cache_read, cache_write)");
            }
            String model = rest.substring(0, dot).replace("\"", "").toLowerCase(Locale.ROOT);
            String kind = rest.substring(dot + 1);
            double v;
            try {
                v = Double.parseDouble(e.getValue());
            } catch (NumberFormatException ex) {
                throw OmniException.invalid("config.toml: " + e.getKey() + " must be a number, not '" + e.getValue() + "'");
            }
            Price p = m.getOrDefault(model, new Price(0, 0, 0, 0));
            p = switch (kind) {
                case "input" -> new Price(v, p.output(), p.cacheRead(), p.cacheWrite());
                case "output" -> new Price(p.input(), v, p.cacheRead(), p.cacheWrite());
                case "cache_read" -> new Price(p.input(), p.output(), v, p.cacheWrite());
                case "cache_write" -> new Price(p.input(), p.output(), p.cacheRead(), v);
                default -> throw OmniException.invalid("config.toml: " + e.getKey() + ": the price kinds are input, output, cache_read, cache_write");
            };
            m.put(model, p);
            overridden = true;
        }
        return new Prices(m, root.path("as_of").asText() + (overridden ? " (with your config.toml prices)" : ""),
                root.path("currency").asText("USD"));
    }

    /** The price of {@code model}, or null when omni knows none. */
    public Price of(String model) {
        if (model == null) {
            return null;
        }
        String name = model.toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        Price exact = models.get(name);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String k : models.keySet()) {
            if (name.startsWith(k) && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best == null ? null : models.get(best);
    }

    public String asOf() {
        return asOf;
    }

    public String currency() {
        return currency;
    }
}
