package io.scheduledreports.delivery.sftp.internal;

/** File names on the server: the target includes the execution id, so a retry overwrites the same file. */
public final class RemoteNames {
    private RemoteNames() {}

    /**
     * The target name: the artifact's name with {@code -<executionId>} before its extension(s), reduced to
     * {@code [A-Za-z0-9._-]}: {@code weekly-sales-2026-02-16.csv.gz} becomes
     * {@code weekly-sales-2026-02-16-<id>.csv.gz}.
     */
    public static String target(String artifactName, String executionId) {
        String name = sanitize(artifactName == null || artifactName.isBlank() ? "report" : artifactName);
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            name = "report";
        }
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        return stem + "-" + sanitize(executionId) + extension;
    }

    /** The temporary name the upload is written to before the rename: hidden, with a {@code .part} suffix. */
    public static String temporary(String target) {
        return "." + target + ".part";
    }

    private static String sanitize(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 200));
        for (int i = 0; i < value.length() && out.length() < 200; i++) {
            char c = value.charAt(i);
            out.append(
                    (c >= 'A' && c <= 'Z')
                                    || (c >= 'a' && c <= 'z')
                                    || (c >= '0' && c <= '9')
                                    || c == '.'
                                    || c == '-'
                                    || c == '_'
                            ? c
                            : '_');
        }
        return out.toString();
    }
}
