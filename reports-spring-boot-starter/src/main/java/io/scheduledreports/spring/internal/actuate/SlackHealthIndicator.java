package io.scheduledreports.spring.internal.actuate;

import io.scheduledreports.delivery.slack.SlackChannel;
import io.scheduledreports.delivery.slack.SlackHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the Slack channel: {@code auth.test} with the default bot token, reused for a while so a busy health
 * endpoint does not hit Slack's rate limits. Shows the workspace name, never the token.
 */
public final class SlackHealthIndicator implements HealthIndicator {
    private final SlackChannel channel;
    private final Duration cacheDuration;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(Health health, Instant at) {}

    public SlackHealthIndicator(SlackChannel channel, Duration cacheDuration, Clock clock) {
        this.channel = channel;
        this.cacheDuration = cacheDuration;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Cached c = cached;
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.at().plus(cacheDuration))) {
            return c.health();
        }
        synchronized (this) {
            c = cached;
            if (c != null && now.isBefore(c.at().plus(cacheDuration))) {
                return c.health();
            }
            SlackHealth h = channel.healthCheck();
            Health health = h.ok()
                    ? Health.up()
                            .withDetail("team", h.team() == null ? "" : h.team())
                            .withDetail("checkedAt", now.toString())
                            .build()
                    : Health.down()
                            .withDetail("error", h.error())
                            .withDetail("checkedAt", now.toString())
                            .build();
            cached = new Cached(health, now);
            return health;
        }
    }
}
