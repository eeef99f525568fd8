package io.scheduledreports.core.artifact;

import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.ArtifactStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The default {@link ArtifactStore}: files under a root directory. A file is written to a temporary name in
 * {@code <root>/.incoming} and moved into place atomically on commit, so readers never see a partial file.
 * Keys are checked segment by segment and resolved paths must stay under the root.
 *
 * <p>Files are private: on POSIX file systems the directories the store creates are {@code 0700} and its files
 * {@code 0600}, and an existing root owned by another user is refused. A local directory serves one instance;
 * a cluster needs a store every instance can read: object storage, or a directory all instances mount, declared
 * with {@link #shared(Path)} (the engine warns when it sees several instances on a store not declared shared).
 */
public final class LocalDirectoryArtifactStore implements ArtifactStore {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private final Path incoming;
    private final boolean shared;
    private final boolean posix;

    /**
     * A store under {@code root} for this instance only, created if missing (directories {@code 0700}).
     *
     * @param root the directory
     * @throws UncheckedIOException when the directory cannot be created
     * @throws IllegalStateException when the directory exists and belongs to another user
     */
    public LocalDirectoryArtifactStore(Path root) {
        this(root, false);
    }

    private LocalDirectoryArtifactStore(Path root, boolean shared) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
        this.shared = shared;
        this.posix = this.root.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (Files.exists(this.root)) {
                requireOwnRoot(this.root);
            }
            createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("artifactStore: cannot create directory " + incoming, e);
        }
    }

    /**
     * A store under a directory that every instance of a cluster mounts (NFS, EFS, a shared volume): the same
     * store as {@link #LocalDirectoryArtifactStore(Path)}, declared shared so the engine does not warn when it
     * sees several instances.
     *
     * @param root the shared directory
     * @return the store
     */
    public static LocalDirectoryArtifactStore shared(Path root) {
        return new LocalDirectoryArtifactStore(root, true);
    }

    /** Whether the directory was declared shared by all instances ({@link #shared(Path)}). */
    public boolean isShared() {
        return shared;
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    @Override
    public ArtifactOutput create(String key) throws IOException {
        Path target = resolve(key);
        createDirectories(target.getParent());
        Path temp = incoming.resolve(UUID.randomUUID() + ".part");
        if (posix) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(FILE));
        }
        OutputStream out = new BufferedOutputStream(
                Files.newOutputStream(
                        temp,
                        posix ? StandardOpenOption.WRITE : StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.TRUNCATE_EXISTING),
                64 * 1024);
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
                    try {
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (java.nio.file.NoSuchFileException pruned) {
                        // a delete pruned the directory made by create() meanwhile: make it again (not up front,
                        // where an existing directory costs an exception per file)
                        createDirectories(target.getParent());
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    }
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
        Path path = resolve(key);
        boolean deleted = Files.deleteIfExists(path);
        if (deleted) {
            pruneEmptyParents(path.getParent());
        }
        return deleted;
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    /**
     * Deletes temporary files in {@code <root>/.incoming} not modified since {@code olderThan}: the writes of
     * generations whose process died before it could commit or discard them.
     */
    @Override
    public int sweepIncomplete(Instant olderThan) throws IOException {
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(incoming)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!file.getFileName().toString().endsWith(".part")) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(olderThan) && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (NoSuchFileException gone) {
                    // committed or discarded meanwhile
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return removed;
    }

    @Override
    public OptionalLong usableSpace() {
        try {
            return OptionalLong.of(Files.getFileStore(root).getUsableSpace());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private void createDirectories(Path dir) throws IOException {
        if (posix) {
            FileAttribute<Set<PosixFilePermission>> privateDir = PosixFilePermissions.asFileAttribute(DIRECTORY);
            Files.createDirectories(dir, privateDir);
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Refuses a root that another user owns: its owner could read or replace every report. */
    private static void requireOwnRoot(Path root) throws IOException {
        UserPrincipal owner;
        try {
            owner = Files.getOwner(root);
        } catch (UnsupportedOperationException e) {
            return; // no owners on this file system
        }
        UserPrincipal me = currentUser(root);
        if (me != null && !me.equals(owner)) {
            throw new IllegalStateException("artifactStore: directory " + root + " is owned by '" + owner.getName()
                    + "', not by the user of this process ('" + me.getName()
                    + "'); use a directory of this user's own");
        }
    }

    private static UserPrincipal currentUser(Path near) {
        try {
            return near.getFileSystem()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return null; // an unnamed uid (containers): cannot tell, so do not refuse
        }
    }

    /** Removes the directories a key left empty (one per execution in the engine's layout), up to the root. */
    private void pruneEmptyParents(Path dir) {
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                return; // another writer may be creating a file under it right now; an empty directory is harmless
            }
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
