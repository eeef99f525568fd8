package io.scheduledreports.formats;

/** How {@link Formatters#compressed} packs a report file. */
public enum Compression {
    /** gzip: {@code report.csv.gz}, media type {@code application/gzip}. */
    GZIP("gz", "application/gzip"),
    /** A zip archive holding the one report file: {@code report.zip}, media type {@code application/zip}. */
    ZIP("zip", "application/zip");

    private final String suffix;
    private final String mediaType;

    Compression(String suffix, String mediaType) {
        this.suffix = suffix;
        this.mediaType = mediaType;
    }

    /** The suffix added to the formatter id: {@code "gz"} or {@code "zip"}. */
    public String suffix() {
        return suffix;
    }

    /** The media type of the compressed file. */
    public String mediaType() {
        return mediaType;
    }
}
