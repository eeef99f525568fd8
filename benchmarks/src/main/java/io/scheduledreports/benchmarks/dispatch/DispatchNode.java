package io.scheduledreports.benchmarks.dispatch;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.ChildJvm;
import io.scheduledreports.benchmarks.harness.Logging;
import io.scheduledreports.benchmarks.harness.Results;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One instance of one system in its own JVM, driven by the dispatch benchmark over stdin/stdout. It prints
 * {@code @@READY} once started, {@code @@PROGRESS n} (completions so far) every 50 ms while that changes, and obeys
 * {@code RESET} (forget completions; answers {@code @@RESET-DONE}), {@code CLOCK offsetMs} (shift the instance's
 * clock; answers {@code @@CLOCK-DONE}) and {@code STOP} (stop; answers
 * {@code @@RESULT json} with every completion time, then exits).
 */
public final class DispatchNode {
    private DispatchNode() {}

    /** Runs the node; options as written by {@link NodeSpec#toArgs()}. */
    public static void main(String[] argv) throws Exception {
        NodeSpec spec = NodeSpec.fromArgs(Args.parse(argv));
        Logging.level(spec.logLevel());
        BenchSystem.Instance instance;
        try {
            instance = BenchSystem.of(spec.system()).start(spec);
        } catch (Exception | Error e) {
            ChildJvm.message("FAILED " + e);
            e.printStackTrace(System.out);
            System.exit(1);
            return;
        }
        ChildJvm.message("READY");
        Thread progress = Thread.ofPlatform().daemon().name("progress").start(() -> {
            int last = -1;
            while (!Thread.currentThread().isInterrupted()) {
                int n = instance.completed();
                if (n != last) {
                    ChildJvm.message("PROGRESS " + n);
                    last = n;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = in.readLine()) != null) {
            if (command.equals("RESET")) {
                instance.reset();
                ChildJvm.message("RESET-DONE");
            } else if (command.startsWith("CLOCK ")) {
                instance.clockOffset(Long.parseLong(command.substring(6).trim()));
                ChildJvm.message("CLOCK-DONE");
            } else if (command.equals("STOP")) {
                break;
            }
        }
        progress.interrupt();
        instance.stop();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("completions", instance.timeline.toArray());
        result.put("info", instance.info());
        ChildJvm.message("RESULT "
                + Results.json()
                        .writer()
                        .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(result));
        System.exit(0);
    }
}
