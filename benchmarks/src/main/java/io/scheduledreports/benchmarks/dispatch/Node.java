package io.scheduledreports.benchmarks.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.scheduledreports.benchmarks.harness.ChildJvm;
import io.scheduledreports.benchmarks.harness.Results;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The harness's handle on one running instance: in a child JVM, or in this JVM for quick runs and tests. */
abstract class Node implements AutoCloseable {

    /** What an instance recorded. */
    record Result(String name, long[] completions, Map<String, Object> info) {}

    final NodeSpec spec;

    Node(NodeSpec spec) {
        this.spec = spec;
    }

    /** Waits until the instance runs. */
    abstract void awaitReady(Duration timeout) throws Exception;

    /** Completions since the last reset (as last reported). */
    abstract int completed();

    /** Forgets the completions so far; returns once the instance did. */
    abstract void reset() throws Exception;

    /** Shifts the instance's clock; returns once the instance did. */
    abstract void clockOffset(long offsetMs) throws Exception;

    /** Stops the instance and returns what it recorded. */
    abstract Result stop(Duration timeout) throws Exception;

    @Override
    public abstract void close();

    /** An instance in a child JVM ({@link DispatchNode}). */
    static Node forked(NodeSpec spec, List<String> jvmOptions) {
        return new Forked(spec, jvmOptions);
    }

    /** An instance in this JVM. */
    static Node local(NodeSpec spec) {
        return new Local(spec);
    }

    private static final class Forked extends Node {
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final CompletableFuture<Result> result = new CompletableFuture<>();
        private final AtomicInteger progress = new AtomicInteger();
        private final Semaphore resets = new Semaphore(0);
        private final Semaphore clocks = new Semaphore(0);
        private final ChildJvm child;

        Forked(NodeSpec spec, List<String> jvmOptions) {
            super(spec);
            this.child = ChildJvm.start(spec.name(), DispatchNode.class, jvmOptions, spec.toArgs(), this::onMessage);
        }

        private void onMessage(String line) {
            try {
                if (line.equals("READY")) {
                    ready.complete(null);
                } else if (line.startsWith("PROGRESS ")) {
                    progress.set(Integer.parseInt(line.substring(9).trim()));
                } else if (line.equals("RESET-DONE")) {
                    progress.set(0);
                    resets.release();
                } else if (line.equals("CLOCK-DONE")) {
                    clocks.release();
                } else if (line.startsWith("FAILED ")) {
                    ready.completeExceptionally(new IllegalStateException(spec.name() + ": " + line.substring(7)));
                } else if (line.startsWith("RESULT ")) {
                    JsonNode json = Results.json().readTree(line.substring(7));
                    long[] completions = Results.json().convertValue(json.get("completions"), long[].class);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> info = Results.json().convertValue(json.get("info"), Map.class);
                    result.complete(new Result(spec.name(), completions, info));
                }
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }

        @Override
        void awaitReady(Duration timeout) throws Exception {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        int completed() {
            return progress.get();
        }

        @Override
        void reset() throws Exception {
            child.send("RESET");
            if (!resets.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(spec.name() + " did not confirm RESET");
            }
        }

        @Override
        void clockOffset(long offsetMs) throws Exception {
            child.send("CLOCK " + offsetMs);
            if (!clocks.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(spec.name() + " did not confirm CLOCK");
            }
        }

        @Override
        Result stop(Duration timeout) throws Exception {
            child.send("STOP");
            Result r = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            child.waitFor(Duration.ofSeconds(30));
            return r;
        }

        @Override
        public void close() {
            child.close();
        }
    }

    private static final class Local extends Node {
        private final BenchSystem.Instance instance;

        Local(NodeSpec spec) {
            super(spec);
            try {
                this.instance = BenchSystem.of(spec.system()).start(spec);
            } catch (Exception e) {
                throw new IllegalStateException(spec.name() + " did not start: " + e, e);
            }
        }

        @Override
        void awaitReady(Duration timeout) {}

        @Override
        int completed() {
            return instance.completed();
        }

        @Override
        void reset() {
            instance.reset();
        }

        @Override
        void clockOffset(long offsetMs) {
            instance.clockOffset(offsetMs);
        }

        @Override
        Result stop(Duration timeout) throws Exception {
            instance.stop();
            return new Result(spec.name(), instance.timeline.toArray(), instance.info());
        }

        @Override
        public void close() {
            // stopped by stop()
        }
    }
}
