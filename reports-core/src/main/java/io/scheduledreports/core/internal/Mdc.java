package io.scheduledreports.core.internal;

import org.slf4j.MDC;

/** Puts tenant, schedule and execution ids into the slf4j MDC for every log line of a unit of work. */
final class Mdc implements AutoCloseable {
    static final String TENANT = "tenant_id";
    static final String SCHEDULE = "schedule_id";
    static final String EXECUTION = "execution_id";
    static final String DELIVERY = "delivery_id";

    private final String[] keys;
    private final String[] previous;

    private Mdc(String... keysAndValues) {
        int n = keysAndValues.length / 2;
        keys = new String[n];
        previous = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = keysAndValues[2 * i];
            previous[i] = MDC.get(keys[i]);
            String value = keysAndValues[2 * i + 1];
            if (value == null) {
                MDC.remove(keys[i]);
            } else {
                MDC.put(keys[i], value);
            }
        }
    }

    static Mdc of(String tenantId, String scheduleId, String executionId) {
        return new Mdc(TENANT, tenantId, SCHEDULE, scheduleId, EXECUTION, executionId);
    }

    static Mdc of(String tenantId, String scheduleId, String executionId, String deliveryId) {
        return new Mdc(TENANT, tenantId, SCHEDULE, scheduleId, EXECUTION, executionId, DELIVERY, deliveryId);
    }

    @Override
    public void close() {
        for (int i = 0; i < keys.length; i++) {
            if (previous[i] == null) {
                MDC.remove(keys[i]);
            } else {
                MDC.put(keys[i], previous[i]);
            }
        }
    }
}
