package io.scheduledreports.spring.internal;

import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.delivery.slack.SlackSettings;
import io.scheduledreports.delivery.webhook.WebhookSettings;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.ScheduledReportsSlackProperties;
import io.scheduledreports.spring.ScheduledReportsWebhookProperties;
import java.util.List;
import java.util.function.Supplier;

/** Builds the webhook and Slack settings from their properties; a refused value names its property. */
public final class OutboundChannelSettings {
    private OutboundChannelSettings() {}

    /** Webhook settings from {@code scheduled-reports.webhook.*}. */
    public static WebhookSettings webhook(ScheduledReportsWebhookProperties p, SecretResolver secrets) {
        String prefix = "scheduled-reports.webhook.";
        OutboundPolicy policy = policy(prefix, p.getAllow(), p.isAllowPlainHttp());
        WebhookSettings.Builder b = WebhookSettings.builder()
                .policy(policy)
                .secrets(secrets)
                .defaultSigningSecret(blankToNull(p.getDefaultSigningSecret()));
        check(
                prefix + "max-file-size",
                () -> WebhookSettings.builder()
                        .maxFileSize(p.getMaxFileSize().toBytes())
                        .build());
        check(
                prefix + "max-retry-after",
                () -> WebhookSettings.builder()
                        .maxRetryAfter(p.getMaxRetryAfter())
                        .build());
        check(
                prefix + "max-error-body",
                () -> WebhookSettings.builder()
                        .maxErrorBody((int)
                                Math.min(Integer.MAX_VALUE, p.getMaxErrorBody().toBytes()))
                        .build());
        check(
                prefix + "connect-timeout",
                () -> WebhookSettings.builder()
                        .connectTimeout(p.getConnectTimeout())
                        .build());
        check(
                prefix + "read-timeout",
                () -> WebhookSettings.builder().readTimeout(p.getReadTimeout()).build());
        check(
                prefix + "call-timeout",
                () -> WebhookSettings.builder().callTimeout(p.getCallTimeout()).build());
        return b.maxFileSize(p.getMaxFileSize().toBytes())
                .maxRetryAfter(p.getMaxRetryAfter())
                .maxErrorBody((int) p.getMaxErrorBody().toBytes())
                .connectTimeout(p.getConnectTimeout())
                .readTimeout(p.getReadTimeout())
                .callTimeout(p.getCallTimeout())
                .build();
    }

    /** Slack settings from {@code scheduled-reports.slack.*}. */
    public static SlackSettings slack(ScheduledReportsSlackProperties p, SecretResolver secrets) {
        String prefix = "scheduled-reports.slack.";
        OutboundPolicy policy = policy(prefix, p.getAllow(), p.isAllowPlainHttp());
        check(
                prefix + "api-base-url",
                () -> SlackSettings.builder().apiBaseUrl(p.getApiBaseUrl()).build());
        check(
                prefix + "max-file-size",
                () -> SlackSettings.builder()
                        .maxFileSize(p.getMaxFileSize().toBytes())
                        .build());
        check(
                prefix + "max-retry-after",
                () -> SlackSettings.builder()
                        .maxRetryAfter(p.getMaxRetryAfter())
                        .build());
        check(
                prefix + "connect-timeout",
                () -> SlackSettings.builder()
                        .connectTimeout(p.getConnectTimeout())
                        .build());
        check(
                prefix + "read-timeout",
                () -> SlackSettings.builder().readTimeout(p.getReadTimeout()).build());
        check(
                prefix + "call-timeout",
                () -> SlackSettings.builder().callTimeout(p.getCallTimeout()).build());
        try {
            policy.checkSyntax(p.getApiBaseUrl());
        } catch (RuntimeException e) {
            throw new InvalidPropertyException(prefix + "api-base-url", e.getMessage(), e);
        }
        return SlackSettings.builder()
                .apiBaseUrl(p.getApiBaseUrl())
                .policy(policy)
                .secrets(secrets)
                .defaultBotToken(blankToNull(p.getDefaultBotToken()))
                .maxFileSize(p.getMaxFileSize().toBytes())
                .maxRetryAfter(p.getMaxRetryAfter())
                .connectTimeout(p.getConnectTimeout())
                .readTimeout(p.getReadTimeout())
                .callTimeout(p.getCallTimeout())
                .build();
    }

    private static OutboundPolicy policy(String prefix, List<String> allow, boolean plainHttp) {
        OutboundPolicy.Builder b = OutboundPolicy.builder().allowPlainHttp(plainHttp);
        for (int i = 0; i < allow.size(); i++) {
            String entry = allow.get(i);
            int index = i;
            check(
                    prefix + "allow[" + index + "]",
                    () -> OutboundPolicy.builder().allow(entry));
            b.allow(entry);
        }
        return b.build();
    }

    private static void check(String property, Supplier<?> attempt) {
        try {
            attempt.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            int colon = message.indexOf(": ");
            throw new InvalidPropertyException(property, colon > 0 ? message.substring(colon + 2) : message, e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
