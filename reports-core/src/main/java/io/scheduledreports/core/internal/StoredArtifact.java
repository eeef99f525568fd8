package io.scheduledreports.core.internal;

import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * A generated file in the artifact store, as a channel sees it: name, type, size and checksum from the execution
 * row, bytes from the store, and the signed download link when there is one.
 */
record StoredArtifact(ExecutionRow e, ArtifactStore store, Optional<URI> downloadLink) implements Artifact {

    @Override
    public String fileName() {
        return e.artifactName();
    }

    @Override
    public String mediaType() {
        return e.mediaType();
    }

    @Override
    public long size() {
        return e.artifactSize();
    }

    @Override
    public String sha256() {
        return e.artifactSha256();
    }

    @Override
    public InputStream open() throws IOException {
        return store.open(e.artifactKey());
    }
}
