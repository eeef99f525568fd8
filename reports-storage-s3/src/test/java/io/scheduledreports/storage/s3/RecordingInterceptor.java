package io.scheduledreports.storage.s3;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Records the operations and HTTP headers the store's client really sends (an SDK hook, not a mock). */
final class RecordingInterceptor implements ExecutionInterceptor {

    record Sent(String operation, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue()))
                    .findFirst()
                    .orElse(null);
        }
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** One entry per API call, however often the SDK retried its transmission (a reset connection is retried). */
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(new Sent(
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                context.httpRequest().headers()));
    }

    /** The API calls made, in order (retried transmissions of one call count once). */
    List<String> operations() {
        return List.copyOf(calls);
    }

    long count(String operation) {
        return calls.stream().filter(operation::equals).count();
    }

    void installOn(S3ClientBuilder builder) {
        builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(this)
                .build());
    }
}
