package dev.omni.server.web;

/**
 * Server-rendered pages: one layout, escaped text, no script. Every page is readable on a phone
 * (viewport meta, one column, large touch targets in omni.css).
 */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A whole page; {@code body} is already-escaped HTML. */
    static String page(String title, String signedInAs, String csrf, String body) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · omni</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/omni.css\"></head><body>")
                .append("<header><a class=\"brand\" href=\"/\">omni</a>");
        if (signedInAs != null) {
            b.append("<form class=\"who\" method=\"post\" action=\"/logout\">").append(csrfField(csrf))
                    .append("<span>").append(esc(signedInAs)).append("</span>")
                    .append("<button class=\"link\" type=\"submit\" id=\"sign-out\">Sign out</button></form>");
        }
        b.append("</header><main>").append(body).append("</main></body></html>");
        return b.toString();
    }

    static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">";
    }

    static String notice(String kind, String text) {
        return "<p class=\"notice " + kind + "\" role=\"alert\">" + esc(text) + "</p>";
    }
}
