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

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(new Sent(
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                context.httpRequest().headers()));
    }

    List<String> operations() {
        return sent.stream().map(Sent::operation).toList();
    }

    long count(String operation) {
        return sent.stream().filter(s -> s.operation().equals(operation)).count();
    }

    void installOn(S3ClientBuilder builder) {
        builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(this)
                .build());
    }
}
