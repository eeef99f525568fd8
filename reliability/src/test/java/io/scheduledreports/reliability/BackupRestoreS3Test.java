package io.scheduledreports.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Scenario 7, short, on the S3 store: the two engine processes write their files to an S3Proxy in the test JVM
 * (bucket {@code site}); after the {@code pg_dump} the bucket's prefix is copied to bucket {@code backup} with the
 * AWS SDK, the site (engines and bucket contents) is lost, and the restored engine's store is the copy. The same
 * checks as {@link BackupRestoreTest}; every file is read back through the restored S3 store, among them files the
 * lost site wrote before the dump.
 *
 * <p>Not part of {@code ./mvnw verify}: it takes 3-4 minutes on the shared 2-core machine (more than the 90 s a
 * build may spend on it). Run it with {@code REPORTS_TEST_S3_RESTORE=true}, or as {@code Suite backup-restore
 * --store=s3}.
 */
@EnabledIfEnvironmentVariable(named = "REPORTS_TEST_S3_RESTORE", matches = "true")
class BackupRestoreS3Test {

    @Test
    void theRestoredEngineResumesOnTheCopiedBucketPrefixAndEveryFileResolvesThroughIt() throws Exception {
        Scenario.Context local = ScenarioSupport.shortVariant();
        Scenario.Context context =
                new Scenario.Context(local.db(), local.longVariant(), local.dryRun(), Scenario.Context.S3);
        Map<String, Object> r = new BackupRestoreScenario().run(context);

        assertThat((String) r.get("artifact_store")).startsWith("s3");
        assertThat((Long) r.get("artifact_files_copied"))
                .as("the backup copied the objects of the site's prefix: %s", r)
                .isPositive();
        assertThat((Long) r.get("site_objects_lost"))
                .as("the site's bucket was emptied with the site, so only the copy can be read: %s", r)
                .isGreaterThanOrEqualTo((Long) r.get("artifact_files_copied"));
        assertThat((Long) r.get("artifacts_resolved_of_the_dump"))
                .as("files the lost site wrote before the dump open from the copy with their SHA-256: %s", r)
                .isPositive();
        BackupRestoreTest.assertRestored(context, r);
    }
}
