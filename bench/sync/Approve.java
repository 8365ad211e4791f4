import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Approves a device code on an omni server's web pages, as a person would in a browser: sign in,
 * enter the code, approve. For benchmarks that log the real `omni` command in.
 *
 *   java Approve.java BASE_URL EMAIL PASSWORD USER_CODE
 */
public class Approve {
    public static void main(String[] a) throws Exception {
        String base = a[0];
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Pattern csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
        String page = get(browser, base + "/login");
        post(browser, base + "/login", Map.of("csrf", find(csrf, page), "email", a[1], "password", a[2], "next", "/"));
        String entry = get(browser, base + "/device?user_code=" + a[3]);
        String confirm = post(browser, base + "/device", Map.of("csrf", find(csrf, entry), "user_code", a[3]));
        post(browser, base + "/device/decision", Map.of("csrf", find(csrf, confirm), "user_code", a[3], "decision", "approve"));
    }

    static String find(Pattern p, String html) {
        Matcher m = p.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in " + html);
        }
        return m.group(1);
    }

    static String get(HttpClient c, String url) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String post(HttpClient c, String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return c.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
