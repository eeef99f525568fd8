package io.scheduledreports.benchmarks.harness;

import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel that accepts every destination and delivers nowhere, so a benchmark measures the engine and not a
 * transport. With {@code readArtifact} it reads each artifact to its end first (the cost any real channel pays).
 */
public final class NoopChannel implements DeliveryChannel {
    /** The channel id. */
    public static final String ID = "noop";

    private final boolean readArtifact;
    private final AtomicLong bytesRead = new AtomicLong();

    private NoopChannel(boolean readArtifact) {
        this.readArtifact = readArtifact;
    }

    /** A channel that does not even open the artifact. */
    public static NoopChannel discarding() {
        return new NoopChannel(false);
    }

    /** A channel that reads every artifact to its end and counts the bytes. */
    public static NoopChannel reading() {
        return new NoopChannel(true);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void validateRecipient(Recipient recipient) {
        // every destination is fine
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) throws IOException {
        if (readArtifact) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            try (InputStream in = delivery.artifact().open()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                }
            }
            bytesRead.addAndGet(total);
        }
        return DeliveryResult.sent("noop-" + delivery.idempotencyKey());
    }

    /** Bytes read from artifacts so far. */
    public long bytesRead() {
        return bytesRead.get();
    }
}
