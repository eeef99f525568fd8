package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.spi.Artifact;
import jakarta.activation.DataSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The artifact as an attachment, streamed from the store while the message is written to the server; read
 * failures surface as {@link ArtifactReadException}.
 */
final class ArtifactDataSource implements DataSource {

    private final Artifact artifact;
    private final String contentType;
    private final String name;

    ArtifactDataSource(Artifact artifact, String contentType, String name) {
        this.artifact = artifact;
        this.contentType = contentType;
        this.name = name;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        try {
            return new Guarded(artifact.open(), name);
        } catch (IOException e) {
            throw new ArtifactReadException("cannot open report file '" + name + "'", e);
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

    /** Marks read failures of the store's stream. */
    static final class Guarded extends FilterInputStream {
        private final String name;

        Guarded(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private IOException failure(IOException e) {
            return e instanceof ArtifactReadException
                    ? e
                    : new ArtifactReadException("cannot read report file '" + name + "'", e);
        }
    }
}
