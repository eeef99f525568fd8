package io.scheduledreports.reliability;

import io.scheduledreports.benchmarks.harness.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The runner's handle on one {@link EngineNode} process. */
final class Instance implements AutoCloseable {
    final NodeOptions options;
    private final ChildJvm child;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile int generating;
    private volatile int sending;

    private Instance(NodeOptions options) {
        this.options = options;
        this.child = ChildJvm.start(
                options.name(), EngineNode.class, List.of("-Xmx256m", "-XX:+UseSerialGC"), options.toArgs(), this::on);
    }

    /** Starts the process and waits until its engine runs. */
    static Instance start(NodeOptions options) throws Exception {
        Instance i = new Instance(options);
        try {
            i.ready.get(10, TimeUnit.MINUTES); // a JVM starts slowly on a busy machine (minutes at load 60)
        } catch (Exception e) {
            i.close();
            throw new IllegalStateException("instance " + options.name() + " did not start: " + e.getMessage(), e);
        }
        return i;
    }

    private void on(String line) {
        if (line.equals("READY")) {
            ready.complete(null);
        } else if (line.startsWith("FAILED ")) {
            ready.completeExceptionally(new IllegalStateException(line.substring(7)));
        } else if (line.startsWith("INFLIGHT ")) {
            String[] parts = line.substring(9).trim().split(" ");
            generating = Integer.parseInt(parts[0]);
            sending = Integer.parseInt(parts[1]);
        }
    }

    String name() {
        return options.name();
    }

    /** Generations running in it (as last reported). */
    int generating() {
        return generating;
    }

    /** Deliveries in its channel (as last reported). */
    int sending() {
        return sending;
    }

    boolean isAlive() {
        return child.isAlive();
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        child.kill();
    }

    /** Stops the engine in an orderly way (running work finishes). */
    void stop() throws InterruptedException {
        if (child.isAlive()) {
            child.send("STOP");
            if (child.waitFor(Duration.ofSeconds(60)) < 0) {
                child.kill();
            }
        }
    }

    @Override
    public void close() {
        if (child.isAlive()) {
            try {
                child.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
