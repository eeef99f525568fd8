package io.scheduledreports.spring.internal;

/** The advice of a start-up failure that names a property, written as one sentence. */
public final class FailureAdvice {

    private FailureAdvice() {}

    private static final String WHERE =
            " in your configuration (application.properties or application.yaml, or the matching environment variable)";

    /**
     * The advice as a sentence: "must be 1-256, was 0" becomes "Change 'x' ...: the value must be 1-256.", "is
     * required: the sender address" becomes "Set 'x' ...: it is required (the sender address)."
     */
    public static String action(String property, String problem) {
        int was = problem.lastIndexOf(", was ");
        String rule = (was > 0 ? problem.substring(0, was) : problem).strip();
        if (rule.startsWith("is required")) {
            String rest = rule.substring("is required".length());
            String detail = rest.startsWith(":") ? " (" + rest.substring(1).strip() + ")" : rest;
            return "Set '" + property + "'" + WHERE + ": it is required" + detail + ".";
        }
        String sentence = rule.startsWith("must ") ? "the value " + rule : rule;
        return "Change '" + property + "'" + WHERE + ": " + sentence + (sentence.endsWith(".") ? "" : ".");
    }
}
