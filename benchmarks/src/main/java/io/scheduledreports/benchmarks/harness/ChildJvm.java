package io.scheduledreports.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A benchmark process in its own JVM, on this JVM's class path. The two talk in lines: the parent writes
 * commands to the child's stdin; the child prints messages to stdout prefixed with {@value #PREFIX}. Any other
 * output (logs, stack traces) is passed through to the parent's stderr, tagged with the child's name.
 */
public final class ChildJvm implements AutoCloseable {
    /** The prefix of protocol lines on the child's stdout. */
    public static final String PREFIX = "@@";

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final Thread reader;

    private ChildJvm(String name, Process process, Consumer<String> onMessage) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = Thread.ofPlatform().daemon().name("child-" + name).start(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith(PREFIX)) {
                        onMessage.accept(line.substring(PREFIX.length()));
                    } else {
                        System.err.println("[" + name + "] " + line);
                    }
                }
            } catch (IOException e) {
                System.err.println("[" + name + "] output closed: " + e.getMessage());
            }
        });
    }

    /**
     * Starts {@code main} in a new JVM (the same {@code java} binary and class path as this one).
     *
     * @param name a short name for log lines
     * @param main the class whose {@code main} runs
     * @param jvmOptions e.g. {@code -Xmx256m}
     * @param args the program arguments
     * @param onMessage receives each protocol line without its prefix, on a reader thread
     */
    public static ChildJvm start(
            String name, Class<?> main, List<String> jvmOptions, List<String> args, Consumer<String> onMessage) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new ChildJvm(name, p, onMessage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM " + name + ": " + command, e);
        }
    }

    /** Sends a command line to the child. */
    public synchronized void send(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("child " + name + " no longer reads commands", e);
        }
    }

    /** Whether the child still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the child to exit; returns its exit code, or -1 if it did not exit in time. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * Kills the child at once ({@code SIGKILL} on Linux, as {@code kill -9}): no shutdown hooks, no finally
     * blocks, open connections and files dropped by the operating system. Returns once the process is gone.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- child side

    /** Prints a protocol line (child side). */
    public static void message(String text) {
        synchronized (System.out) {
            System.out.println(PREFIX + text);
            System.out.flush();
        }
    }
}
