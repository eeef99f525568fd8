package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.spi.ReportsValidationException;

/** Shows untrusted values in messages: quoted, control characters escaped, long values shortened. */
public final class Quoted {

    private static final int MAX_SHOWN = 120;

    private Quoted() {}

    /** {@code 'value'} with CR, LF, tab and other control characters escaped as {@code \r}, {@code \n}, ... */
    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + escape(value) + "'";
    }

    /** The value with control characters escaped, without quotes, shortened to 120 characters. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 16);
        int shown = 0;
        for (int i = 0; i < value.length(); ) {
            if (shown == MAX_SHOWN) {
                out.append("...");
                break;
            }
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            switch (cp) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (isControl(cp) || Character.getType(cp) == Character.FORMAT) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Whether the code point is a control character or a line/paragraph separator. */
    public static boolean isControl(int cp) {
        return Character.isISOControl(cp) || cp == '\u2028' || cp == '\u2029';
    }

    /** Whether the text contains a control character or a line/paragraph separator. */
    public static boolean hasControlCharacters(String text) {
        return text.codePoints().anyMatch(Quoted::isControl);
    }

    /**
     * Refuses text with control characters: in a header they would start a new header line.
     *
     * @throws ReportsValidationException naming {@code field}
     */
    public static void requireNoControlCharacters(String field, String value) {
        if (hasControlCharacters(value)) {
            throw new ReportsValidationException(
                    field, "must not contain control characters such as CR or LF (header injection), was " + of(value));
        }
    }
}
