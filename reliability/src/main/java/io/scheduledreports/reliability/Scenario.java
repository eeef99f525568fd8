package io.scheduledreports.reliability;

import io.scheduledreports.benchmarks.harness.BenchDatabase;
import java.util.LinkedHashMap;
import java.util.Map;

/** One fault the suite injects into real engine processes, with the figures it measures. */
interface Scenario {

    /** Short id, used on the command line and in the results file name (e.g. {@code kill-9}). */
    String id();

    /** Whether the scenario runs only with {@code --long} (it restarts a server or runs for many minutes). */
    default boolean longOnly() {
        return false;
    }

    /** The artifact stores the scenario runs against ({@code --store=}): {@code local} unless it says more. */
    default java.util.List<String> stores() {
        return java.util.List.of(Context.LOCAL);
    }

    /**
     * Runs the scenario once and returns its figures; {@code "ok"} says whether every check held, {@code "skipped"}
     * (with a reason) that it could not run here.
     */
    Map<String, Object> run(Context context) throws Exception;

    /**
     * What a scenario runs with.
     *
     * @param db the database
     * @param longVariant the long variant (bigger, slower, library defaults)
     * @param dryRun print what would be done to servers instead of doing it
     * @param store the artifact store of the engine instances: {@value #LOCAL} (a directory) or {@value #S3}
     */
    record Context(BenchDatabase db, boolean longVariant, boolean dryRun, String store) {
        /** The local artifact directory, the default. */
        static final String LOCAL = "local";
        /** The S3 store on an S3Proxy that the runner starts. */
        static final String S3 = "s3";

        /** A context on the local artifact directory. */
        Context(BenchDatabase db, boolean longVariant, boolean dryRun) {
            this(db, longVariant, dryRun, LOCAL);
        }

        /** Whether the instances keep their files on S3. */
        boolean s3() {
            return S3.equals(store);
        }
    }

    /** A result that says why the scenario did not run. */
    static Map<String, Object> skipped(String reason) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("skipped", reason);
        r.put("ok", true);
        return r;
    }

    /** Whether this process runs as root (needed to mount file systems and restart servers). */
    static boolean isRoot() {
        try {
            Object uid = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (Exception | Error e) {
            return false;
        }
    }

    /** Runs a command, fails with its output when it exits with an error. */
    static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " exited with " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }
}
