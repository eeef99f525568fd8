package io.scheduledreports.reliability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;

/** The database of the short scenarios: PostgreSQL as the other database tests find it. */
final class ScenarioSupport {
    private ScenarioSupport() {}

    /**
     * The test PostgreSQL; the test is skipped when it is not reachable, unless {@code REPORTS_TEST_REQUIRE_DB=true}
     * (then it fails).
     */
    static Scenario.Context shortVariant() {
        BenchDatabase db = BenchDatabase.from(Args.parse());
        String reason = db.unreachableReason();
        if (reason != null && "true".equalsIgnoreCase(System.getenv("REPORTS_TEST_REQUIRE_DB"))) {
            throw new IllegalStateException(reason);
        }
        assumeTrue(reason == null, reason);
        return new Scenario.Context(db, false, false);
    }
}
