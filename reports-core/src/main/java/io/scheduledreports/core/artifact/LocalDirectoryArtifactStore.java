package io.scheduledreports.core.artifact;

import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.ArtifactStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The default {@link ArtifactStore}: files under a root directory. A file is written to a temporary name in
 * {@code <root>/.incoming} and moved into place atomically on commit, so readers never see a partial file.
 * Keys are checked segment by segment and resolved paths must stay under the root.
 */
public final class LocalDirectoryArtifactStore implements ArtifactStore {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final Path incoming;

    /**
     * A store under {@code root}, created if missing.
     *
     * @param root the directory
     * @throws UncheckedIOException when the directory cannot be created
     */
    public LocalDirectoryArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("artifactStore: cannot create directory " + incoming, e);
        }
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    @Override
    public ArtifactOutput create(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temp = incoming.resolve(UUID.randomUUID() + ".part");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024);
        return new ArtifactOutput() {
            private long size;
            private boolean done;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                size++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                size += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public long commit() throws IOException {
                if (done) {
                    throw new IllegalStateException("artifact '" + key + "' already committed or discarded");
                }
                done = true;
                out.close();
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    Files.deleteIfExists(temp);
                    throw e;
                }
                return size;
            }

            @Override
            public void close() throws IOException {
                if (!done) {
                    done = true;
                    try {
                        out.close();
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                }
            }
        };
    }

    @Override
    public InputStream open(String key) throws IOException {
        Path path = resolve(key);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(key);
        }
        return Files.newInputStream(path);
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(resolve(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public OptionalLong usableSpace() {
        try {
            return OptionalLong.of(Files.getFileStore(root).getUsableSpace());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private Path resolve(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024) {
            throw new IllegalArgumentException(
                    "artifact key: must be 1-1024 characters, was " + (key == null ? "null" : "'" + key + "'"));
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("artifact key: segment '" + segment
                        + "' must match [A-Za-z0-9_][A-Za-z0-9._-]*, in key '" + key + "'");
            }
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.startsWith(incoming)) {
            throw new IllegalArgumentException("artifact key: '" + key + "' escapes the store root");
        }
        return path;
    }
}
