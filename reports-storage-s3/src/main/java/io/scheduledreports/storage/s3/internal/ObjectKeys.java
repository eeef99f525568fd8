package io.scheduledreports.storage.s3.internal;

import java.util.regex.Pattern;

/**
 * The rules for object key segments: the same alphabet as the local store ({@code [A-Za-z0-9._-]}, not starting
 * with a dot or dash, at most 128 characters), so a key can never climb out of its prefix or carry control
 * characters.
 */
public final class ObjectKeys {

    /** Maximum length of one segment. */
    public static final int MAX_SEGMENT = 128;

    /** Maximum length of a whole key (S3 allows 1,024 bytes). */
    public static final int MAX_KEY = 1024;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0," + (MAX_SEGMENT - 1) + "}");

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");

    private static final Pattern MONTH = Pattern.compile("0[1-9]|1[0-2]");

    /** The last segment of the earlier layout (before the key layout changed): {@code {execution-id}-a{attempt}.{extension}}. */
    private static final Pattern LEGACY_FILE =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*-a[0-9]{1,9}\\.[A-Za-z0-9.]{1,16}");

    private ObjectKeys() {}

    /**
     * Checks an artifact key against the engine's layout {@code {tenant}/{yyyy}/{mm}/{execution-id}/{file-name}}:
     * five safe segments, a four-digit year and a month 01-12. With {@code legacyToo}, the earlier layout
     * {@code {tenant}/{schedule-id}/{execution-id}-a{attempt}.{extension}} is accepted as well (reading and
     * deleting files written before the layout changed).
     *
     * @return the key
     * @throws IllegalArgumentException naming {@code field}, the layout and the value
     */
    public static String requireArtifactKey(String field, String key, boolean legacyToo) {
        requireKey(field, key);
        String[] s = key.split("/", -1);
        boolean layout = s.length == 5
                && YEAR.matcher(s[1]).matches()
                && MONTH.matcher(s[2]).matches();
        boolean legacy = legacyToo && s.length == 3 && LEGACY_FILE.matcher(s[2]).matches();
        if (!layout && !legacy) {
            throw new IllegalArgumentException(field + ": must be {tenant}/{yyyy}/{mm}/{execution-id}/{file-name}"
                    + (legacyToo ? " (or the earlier {tenant}/{schedule-id}/{execution-id}-aN.{ext})" : "")
                    + ", was '" + printable(key) + "'");
        }
        return key;
    }

    /**
     * Checks a bucket name (the rules S3 and the compatible servers share).
     *
     * @throws IllegalArgumentException naming {@code field}, the rule and the value
     */
    public static String requireBucket(String field, String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException(field
                    + ": must be 3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or"
                    + " digit, was " + (bucket == null ? "null" : "'" + printable(bucket) + "'"));
        }
        return bucket;
    }

    /**
     * Checks an optional key prefix; leading and trailing slashes are dropped.
     *
     * @return the prefix without slashes, empty for none
     */
    public static String requirePrefix(String field, String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "" : requireKey(field, p);
    }

    /** Whether {@code segment} is one safe segment. */
    public static boolean isSegment(String segment) {
        return segment != null && SEGMENT.matcher(segment).matches() && !segment.equals("..");
    }

    /**
     * Checks a relative key made of safe segments separated by {@code /}.
     *
     * @param field the name used in the message
     * @param key the key
     * @return the key
     * @throws IllegalArgumentException naming {@code field}, the rule and the value
     */
    public static String requireKey(String field, String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException(field + ": must be 1-" + MAX_KEY + " characters, was "
                    + (key == null ? "null" : "'" + printable(key) + "'"));
        }
        for (String segment : key.split("/", -1)) {
            if (!isSegment(segment)) {
                throw new IllegalArgumentException(field + ": segment '" + printable(segment)
                        + "' must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, in '" + printable(key) + "'");
            }
        }
        return key;
    }

    /**
     * Turns any text into one safe segment: characters outside the alphabet become {@code _}, a leading dot or
     * dash gets a {@code _} before it, the result is capped at {@link #MAX_SEGMENT} characters.
     */
    public static String sanitise(String value) {
        if (value == null || value.isEmpty()) {
            return "_";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_SEGMENT) + 1);
        for (int i = 0; i < value.length() && b.length() < MAX_SEGMENT; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            b.append(ok ? c : '_');
        }
        if (b.charAt(0) == '.' || b.charAt(0) == '-') {
            b.insert(0, '_');
            b.setLength(Math.min(b.length(), MAX_SEGMENT));
        }
        return b.toString();
    }

    /** The value with control characters shown as {@code ?}, for messages. */
    public static String printable(String value) {
        StringBuilder b = new StringBuilder(value.length());
        value.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.length() > 200 ? b.substring(0, 200) + "..." : b.toString();
    }
}
