package dev.omni.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives the approval pages over plain HTTP, as a browser without script would: keeps cookies,
 * reads each form's CSRF token, posts the forms. Works against any omni server, in-process or not.
 */
public final class WebLogin {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final String base;
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();

    public WebLogin(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A page: status, location (of a redirect) and HTML. */
    public record Page(int status, String location, String html) {
        public String csrf() {
            Matcher m = CSRF.matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF field on the page (" + status + "): " + html);
            }
            return m.group(1);
        }
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Page post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs in through the sign-in form; returns the answer to the form post. */
    public Page signIn(String email, String password) {
        Page form = get("/login");
        return post("/login", Map.of("csrf", form.csrf(), "email", email, "password", password, "next", "/"));
    }

    /** Enters {@code userCode} and presses Approve (or Deny); returns the result page. */
    public Page decide(String userCode, boolean approve) {
        Page entry = get("/device?user_code=" + URLEncoder.encode(userCode, StandardCharsets.UTF_8));
        Page confirm = post("/device", Map.of("csrf", entry.csrf(), "user_code", userCode));
        if (confirm.status() != 200) {
            return confirm;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("csrf", confirm.csrf());
        f.put("user_code", userCode);
        f.put("decision", approve ? "approve" : "deny");
        return post("/device/decision", f);
    }

    /** The session cookie's value (to check it is stored nowhere in clear). */
    public String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().endsWith("omni_session")).map(java.net.HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    private Page send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
