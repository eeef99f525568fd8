package io.scheduledreports.delivery.email.internal;

/** HTML escaping for text placed in element content or double-quoted attributes. */
final class Html {

    private Html() {}

    /** Escapes {@code & < > " '}. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes, and keeps line breaks as {@code <br>}. */
    static String escapeLines(String text) {
        return escape(text.replace("\r\n", "\n").replace('\r', '\n')).replace("\n", "<br>\n");
    }

    /** A link showing its own address, or the escaped text when it is not an http(s) URL. */
    static String link(String url) {
        if (url.startsWith("https://") || url.startsWith("http://")) {
            String escaped = escape(url);
            return "<a href=\"" + escaped + "\">" + escaped + "</a>";
        }
        return escapeLines(url);
    }
}
