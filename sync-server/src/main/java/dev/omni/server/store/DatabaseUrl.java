package dev.omni.server.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the PostgreSQL metadata store is: a JDBC URL without credentials, the user and the password.
 * Parsed from {@code postgresql://USER:PASSWORD@HOST:PORT/DATABASE?PARAMS} (or {@code postgres://},
 * or a {@code jdbc:postgresql:} URL with {@code user}/{@code password} parameters). The password is
 * kept out of {@link #toString()} and {@link #jdbcUrl()}, so that no log line or error message that
 * names the database can show it.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {
    private static final String JDBC = "jdbc:postgresql:";

    /**
     * Parses {@code url}; {@code password}, when not null, replaces any password in it (from
     * {@code --db-password-file} or the environment).
     */
    public static DatabaseUrl parse(String url, String password) {
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("postgresql://")) {
            rest = u.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = u.substring("postgres://".length());
        } else if (lower.startsWith(JDBC)) {
            return fromJdbc(u, password);
        } else {
            throw new IllegalArgumentException("--db takes postgresql://USER:PASSWORD@HOST:PORT/DATABASE or a"
                    + " jdbc:postgresql: URL, not " + redact(u));
        }
        String user = null;
        String pass = null;
        int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
        if (at >= 0) {
            String credentials = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = credentials.indexOf(':');
            user = decode(colon < 0 ? credentials : credentials.substring(0, colon));
            pass = colon < 0 ? null : decode(credentials.substring(colon + 1));
        }
        if (rest.isEmpty() || rest.startsWith("/")) {
            throw new IllegalArgumentException("the database URL names no host: " + redact(u));
        }
        if (!rest.contains("/") || rest.endsWith("/") || rest.indexOf('/') + 1 == rest.indexOf('?')) {
            throw new IllegalArgumentException("the database URL names no database: " + redact(u));
        }
        DatabaseUrl params = fromJdbc(JDBC + "//" + rest, null);
        return new DatabaseUrl(params.jdbcUrl, params.user != null ? params.user : user,
                password != null ? password : params.password != null ? params.password : pass);
    }

    /** Takes {@code user} and {@code password} out of a JDBC URL's parameters. */
    private static DatabaseUrl fromJdbc(String url, String password) {
        int q = url.indexOf('?');
        if (q < 0) {
            return new DatabaseUrl(url, null, password);
        }
        String user = null;
        String pass = null;
        List<String> kept = new ArrayList<>();
        for (String p : url.substring(q + 1).split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(p.substring(eq + 1));
            if (key.equals("user")) {
                user = value;
            } else if (key.equals("password")) {
                pass = value;
            } else {
                kept.add(p);
            }
        }
        String base = url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseUrl(base, user, password != null ? password : pass);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code url} with any password replaced by {@code ***}, for messages about a URL that failed to parse. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(://[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** The URL for people: {@code postgresql://USER@HOST:PORT/DATABASE}, never the password. */
    @Override
    public String toString() {
        String where = jdbcUrl.substring(JDBC.length());
        if (where.startsWith("//")) {
            where = where.substring(2);
        }
        return "postgresql://" + (user == null ? "" : user + "@") + where;
    }
}
