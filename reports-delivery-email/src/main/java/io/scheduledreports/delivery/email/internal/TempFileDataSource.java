package io.scheduledreports.delivery.email.internal;

import jakarta.activation.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary file (the zipped report) as an attachment, with a given type and name. */
final class TempFileDataSource implements DataSource {

    private final Path file;
    private final String contentType;
    private final String name;

    TempFileDataSource(Path file, String contentType, String name) {
        this.file = file;
        this.contentType = contentType;
        this.name = name;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new ArtifactReadException("cannot read compressed report '" + name + "'", e);
        }
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getName() {
        return name;
    }
}
