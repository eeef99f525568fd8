package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A mail server that accepts connections and never answers does not hold the health endpoint past its 5 s answer time. */
class SmtpHealthTest {

    @TempDir
    Path artifacts;

    @Test
    void healthAnswersWithinFiveSecondsWhenSmtpHangsAndDoesNotLogInPerRequest() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accept, then say nothing: no SMTP greeting ever
                        connections.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(
                            DataSourceAutoConfiguration.class,
                            ScheduledReportsAutoConfiguration.class,
                            ScheduledReportsHealthAutoConfiguration.class))
                    .withPropertyValues(
                            "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                            "scheduled-reports.artifact-directory=" + artifacts,
                            "scheduled-reports.disk-guard.enabled=false",
                            "scheduled-reports.email.host=127.0.0.1",
                            "scheduled-reports.email.port=" + silent.getLocalPort(),
                            "scheduled-reports.email.security=none",
                            "scheduled-reports.email.from=reports@example.com",
                            "scheduled-reports.email.connect-timeout=60s",
                            "scheduled-reports.email.read-timeout=60s")
                    .run(context -> {
                        HealthIndicator smtp = (HealthIndicator) ((CompositeHealthContributor)
                                        context.getBean("scheduledReportsHealthContributor", HealthContributor.class))
                                .getContributor("smtp");
                        for (int i = 0; i < 5; i++) {
                            long start = System.nanoTime();
                            var health = smtp.health();
                            Duration took = Duration.ofNanos(System.nanoTime() - start);
                            System.out.printf(
                                    "SMTP health %d answered %s in %d ms%n", i, health.getStatus(), took.toMillis());
                            assertThat(took).isLessThan(Duration.ofSeconds(5));
                            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                            assertThat(health.getDetails().get("error").toString())
                                    .contains("did not answer");
                        }
                        assertThat(connections.get())
                                .as("one check in flight at a time, not one login per health request")
                                .isEqualTo(1);
                    });
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
