package io.scheduledreports.delivery.sftp.internal;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.regex.Pattern;

/**
 * A parsed destination {@code sftp://<connection>/<directory>}. The directory is relative to the account's login
 * directory ({@code sftp://finance/outgoing/daily}); a second slash makes it absolute
 * ({@code sftp://finance//srv/reports}); none means the login directory itself.
 *
 * @param connection the connection's name
 * @param directory the remote directory as the SFTP server gets it ({@code "."} for the login directory)
 */
public record SftpDestination(String connection, String directory) {

    /** The scheme every destination starts with. */
    public static final String SCHEME = "sftp://";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_LENGTH = 1024;

    /**
     * Parses a destination.
     *
     * @param field the field to name in errors, e.g. {@code recipients.destination}
     * @param value the destination
     * @return the parsed destination
     * @throws ReportsValidationException naming {@code field}, the rule and the value
     */
    public static SftpDestination parse(String field, String value) {
        if (value == null || !value.startsWith(SCHEME)) {
            throw invalid(field, "must be sftp://<connection>/<directory>", value);
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid(field, "must be at most " + MAX_LENGTH + " characters", value);
        }
        String rest = value.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        if (!NAME.matcher(name).matches()) {
            throw invalid(field, "the connection name must match [A-Za-z0-9_-]{1,64}", value);
        }
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        boolean absolute = path.startsWith("/");
        String relative = absolute ? path.substring(1) : path;
        if (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        if (!relative.isEmpty()) {
            for (String segment : relative.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw invalid(field, "the directory must not contain empty, '.' or '..' segments", value);
                }
                if (segment.chars().anyMatch(c -> Character.isISOControl(c) || c == '\\')) {
                    throw invalid(field, "the directory must not contain control characters or '\\'", value);
                }
            }
        }
        String directory = absolute ? "/" + relative : relative.isEmpty() ? "." : relative;
        return new SftpDestination(name, directory);
    }

    /** The remote path of a file in this directory. */
    public String resolve(String fileName) {
        if (directory.equals(".")) {
            return fileName;
        }
        return directory.endsWith("/") ? directory + fileName : directory + "/" + fileName;
    }

    private static ReportsValidationException invalid(String field, String rule, String value) {
        String shown = value == null ? "null" : "'" + value.replaceAll("\\p{Cntrl}", "?") + "'";
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "...'";
        }
        return new ReportsValidationException(field, rule + ", was " + shown);
    }
}
