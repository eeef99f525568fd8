package io.scheduledreports.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.ArtifactOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryArtifactStoreTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void posixOnly() {
        Assumptions.assumeTrue(
                tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    }

    @Test
    void createsPrivateDirectoriesAndFiles() throws IOException {
        Path root = tmp.resolve("reports");
        LocalDirectoryArtifactStore store = new LocalDirectoryArtifactStore(root);
        try (ArtifactOutput out = store.create("acme/s1/e1-a1.csv")) {
            out.write("a,b\n".getBytes());
            out.commit();
        }
        assertThat(permissions(root)).isEqualTo("rwx------");
        assertThat(permissions(root.resolve(".incoming"))).isEqualTo("rwx------");
        assertThat(permissions(root.resolve("acme"))).isEqualTo("rwx------");
        assertThat(permissions(root.resolve("acme/s1"))).isEqualTo("rwx------");
        assertThat(permissions(root.resolve("acme/s1/e1-a1.csv"))).isEqualTo("rw-------");
        assertThat(Files.readString(root.resolve("acme/s1/e1-a1.csv"))).isEqualTo("a,b\n");
        assertThat(store.isShared()).isFalse();
    }

    @Test
    void deletingTheLastFileOfADirectoryRemovesTheDirectoriesItLeftEmpty() throws IOException {
        Path root = tmp.resolve("reports");
        LocalDirectoryArtifactStore store = new LocalDirectoryArtifactStore(root);
        for (String key : new String[] {"acme/2026/02/e1/sales.csv", "acme/2026/02/e2/sales.csv"}) {
            try (ArtifactOutput out = store.create(key)) {
                out.write("a\n".getBytes());
                out.commit();
            }
        }
        assertThat(store.delete("acme/2026/02/e1/sales.csv")).isTrue();
        assertThat(root.resolve("acme/2026/02/e1")).doesNotExist();
        assertThat(root.resolve("acme/2026/02/e2/sales.csv")).exists();
        assertThat(store.delete("acme/2026/02/e2/sales.csv")).isTrue();
        assertThat(root.resolve("acme")).doesNotExist();
        assertThat(root.resolve(".incoming")).isDirectory();
        assertThat(store.delete("acme/2026/02/e2/sales.csv")).isFalse();
        try (ArtifactOutput out = store.create("acme/2026/02/e3/sales.csv")) {
            out.write("b\n".getBytes());
            out.commit();
        }
        assertThat(Files.readString(root.resolve("acme/2026/02/e3/sales.csv"))).isEqualTo("b\n");
    }

    @Test
    void aFileWhoseDirectoryWasPrunedWhileItWasWrittenIsStillCommittedIntoAPrivateDirectory() throws IOException {
        Path root = tmp.resolve("reports");
        LocalDirectoryArtifactStore store = new LocalDirectoryArtifactStore(root);
        try (ArtifactOutput old = store.create("acme/2026/02/e1/old.csv")) {
            old.write("a\n".getBytes());
            old.commit();
        }
        try (ArtifactOutput out = store.create("acme/2026/02/e1/new.csv")) {
            out.write("b\n".getBytes());
            // the retention sweep deletes the directory's last file meanwhile, and prunes it up to the root
            assertThat(store.delete("acme/2026/02/e1/old.csv")).isTrue();
            assertThat(root.resolve("acme")).doesNotExist();
            out.commit();
        }
        assertThat(Files.readString(root.resolve("acme/2026/02/e1/new.csv"))).isEqualTo("b\n");
        assertThat(permissions(root.resolve("acme/2026/02/e1"))).isEqualTo("rwx------");
        try (var incoming = Files.list(root.resolve(".incoming"))) {
            assertThat(incoming).as("no partial file left behind").isEmpty();
        }
    }

    @Test
    void aSharedStoreSaysSo() {
        assertThat(LocalDirectoryArtifactStore.shared(tmp.resolve("nfs")).isShared())
                .isTrue();
    }

    @Test
    void refusesARootOwnedByAnotherUser() throws IOException {
        Path foreign = Files.createDirectory(tmp.resolve("foreign"));
        UserPrincipal nobody;
        try {
            nobody = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(foreign, nobody);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("cannot give a directory to another user here: " + e);
            return;
        }
        assertThatThrownBy(() -> new LocalDirectoryArtifactStore(foreign))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is owned by 'nobody', not by the user of this process");
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
