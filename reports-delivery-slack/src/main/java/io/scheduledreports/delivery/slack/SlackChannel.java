package io.scheduledreports.delivery.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scheduledreports.delivery.http.OutboundFailures;
import io.scheduledreports.delivery.http.OutboundHttp;
import io.scheduledreports.delivery.http.OutboundRefusedException;
import io.scheduledreports.delivery.http.OutboundRequest;
import io.scheduledreports.delivery.http.OutboundResponse;
import io.scheduledreports.delivery.http.RequestBody;
import io.scheduledreports.delivery.slack.internal.SlackErrors;
import io.scheduledreports.delivery.slack.internal.SlackMessage;
import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code slack} channel: tells a Slack channel about each generated report with the Web API.
 *
 * <p>Recipient destination: a channel id ({@code C0123ABCD}; private {@code G…}, DM {@code D…}, or a user id
 * {@code U…}/{@code W…} for a direct message from the app). Options: {@code bot_token} (secret name of the bot
 * token, default {@link SlackSettings#defaultBotToken()}), {@code attach_file} ({@code true} by default).
 *
 * <p>A file up to {@link SlackSettings#maxFileSize()} is uploaded with Slack's external upload flow
 * ({@code files.getUploadURLExternal}, POST of the bytes to the URL it returns, {@code files.completeUploadExternal}
 * sharing it into the channel with the summary blocks); otherwise the summary with the download link is posted
 * with {@code chat.postMessage}. Each delivery posts into the channel with exactly one call, the last, so a retry
 * after an earlier step failed never shows a message twice.
 *
 * <p>Failures: {@code channel_not_found}, {@code not_in_channel}, {@code invalid_auth}, {@code token_revoked}
 * (and other token or scope errors) are CONFIGURATION; {@code ratelimited} and HTTP 429 are retried after Slack's
 * {@code Retry-After}; 5xx and Slack's internal errors are retried; other {@code ok:false} codes are DATA.
 */
public final class SlackChannel implements DeliveryChannel, AutoCloseable {

    /** The channel id. */
    public static final String ID = "slack";

    private static final Pattern CHANNEL_ID = Pattern.compile("[CGDUW][A-Z0-9]{6,20}");
    private static final Set<String> OPTIONS = Set.of("bot_token", "attach_file");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlackSettings settings;
    private final OutboundHttp http;

    private SlackChannel(SlackSettings settings) {
        this.settings = settings;
        OutboundHttp.Builder b = OutboundHttp.builder(settings.policy())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .maxResponseBytes(1024 * 1024)
                .userAgent("scheduled-reports-slack");
        if (settings.sslContext() != null) {
            b.sslContext(settings.sslContext());
        }
        this.http = b.build();
    }

    /**
     * A channel with these settings.
     *
     * @param settings the settings
     * @return the channel
     */
    public static SlackChannel create(SlackSettings settings) {
        return new SlackChannel(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public String id() {
        return ID;
    }

    /** The settings. */
    public SlackSettings settings() {
        return settings;
    }

    @Override
    public void validateRecipient(Recipient recipient) {
        if (!CHANNEL_ID.matcher(recipient.destination()).matches()) {
            throw new ReportsValidationException(
                    "recipients.destination",
                    "must be a Slack channel id such as C0123ABCD (C, G, D, U or W and 6-20 upper-case letters or digits), was '"
                            + recipient.destination() + "'");
        }
        for (String key : recipient.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new ReportsValidationException(
                        "recipients.options." + key,
                        "unknown slack option; known: "
                                + OPTIONS.stream().sorted().toList());
            }
        }
        String attach = recipient.option("attach_file", "true");
        if (!attach.equals("true") && !attach.equals("false")) {
            throw new ReportsValidationException(
                    "recipients.options.attach_file", "must be true or false, was '" + attach + "'");
        }
        String tokenName = recipient.option("bot_token", settings.defaultBotToken());
        String field = recipient.options().containsKey("bot_token")
                ? "recipients.options.bot_token"
                : "recipients.destination";
        if (tokenName == null) {
            throw new ReportsValidationException(
                    field, "no bot token: set the recipient option bot_token or the channel's default bot token");
        }
        if (!settings.secrets().contains(tokenName)) {
            throw new ReportsValidationException(
                    field, "unknown secret '" + tokenName + "'; configure it in the host's secret resolver");
        }
    }

    /**
     * Counts sends per bot token under a channel rate limit: Slack limits each app per workspace, and a bot token
     * belongs to one workspace, so one bucket per token keeps a busy workspace from holding back the others. The
     * key is the token's secret name (the recipient's {@code bot_token} option, else the default bot token), never
     * the token itself; {@code ""} when neither is set.
     */
    @Override
    public String rateKey(Recipient recipient) {
        String tokenName = recipient.option("bot_token", settings.defaultBotToken());
        return tokenName == null ? "" : tokenName;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) throws IOException {
        Recipient r = delivery.recipient();
        String token = token(r.option("bot_token", settings.defaultBotToken()));
        Artifact artifact = delivery.artifact();
        boolean upload = r.option("attach_file", "true").equals("true")
                && settings.maxFileSize() > 0
                && artifact.size() <= settings.maxFileSize();
        if (!upload && artifact.downloadLink().isEmpty()) {
            return DeliveryResult.failed(
                    ErrorCategory.CONFIGURATION,
                    "the report (" + artifact.size() + " bytes) is not uploaded to Slack (limit "
                            + settings.maxFileSize() + " bytes or attach_file=false) and no download link is"
                            + " configured");
        }
        ArrayNode blocks = SlackMessage.blocks(delivery, upload);
        if (upload) {
            JsonNode url = call(
                    "files.getUploadURLExternal",
                    token,
                    form(Map.of("filename", artifact.fileName(), "length", Long.toString(artifact.size()))));
            String uploadUrl = url.path("upload_url").asText("");
            String fileId = url.path("file_id").asText("");
            if (uploadUrl.isEmpty() || fileId.isEmpty()) {
                throw new ReportsException(
                        ErrorCategory.NETWORK, "slack files.getUploadURLExternal answered without upload_url/file_id");
            }
            uploadBytes(URI.create(uploadUrl), artifact);
            ArrayNode files = JSON.createArrayNode();
            files.addObject().put("id", fileId).put("title", artifact.fileName());
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("files", files.toString());
            fields.put("channel_id", r.destination());
            fields.put("blocks", blocks.toString());
            call("files.completeUploadExternal", token, form(fields));
            return DeliveryResult.sent(fileId);
        }
        ObjectNode message = JSON.createObjectNode();
        message.put("channel", r.destination());
        message.put("text", SlackMessage.text(delivery, false));
        message.set("blocks", blocks);
        message.put("unfurl_links", false);
        JsonNode posted = call(
                "chat.postMessage", token, RequestBody.ofString("application/json; charset=utf-8", message.toString()));
        return DeliveryResult.sent(posted.path("channel").asText(r.destination()) + "/"
                + posted.path("ts").asText(""));
    }

    /**
     * Checks the default bot token with {@code auth.test}; never throws.
     *
     * @return the outcome
     */
    public SlackHealth healthCheck() {
        if (settings.defaultBotToken() == null) {
            return new SlackHealth(false, null, "no default bot token configured");
        }
        try {
            JsonNode answer = call(
                    "auth.test",
                    token(settings.defaultBotToken()),
                    RequestBody.ofString("application/x-www-form-urlencoded", ""));
            return new SlackHealth(true, answer.path("team").asText(null), null);
        } catch (RuntimeException | IOException e) {
            return new SlackHealth(false, null, e.getMessage());
        }
    }

    /**
     * Checks the default bot token with {@code auth.test}. Without a default token (every destination names its
     * own) there is nothing to check before a destination is known: {@code UNSUPPORTED}. A refused token is a
     * {@code CONFIGURATION} failure; the token never appears in the outcome.
     */
    @Override
    public ConnectionCheck checkConfiguration() {
        if (settings.defaultBotToken() == null) {
            return new ConnectionCheck(
                    ConnectionCheck.Status.UNSUPPORTED,
                    null,
                    "no default bot token configured: each destination names its own",
                    Map.of());
        }
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("api", settings.apiBaseUrl().toString());
        try {
            JsonNode answer = call(
                    "auth.test",
                    token(settings.defaultBotToken()),
                    RequestBody.ofString("application/x-www-form-urlencoded", ""));
            String team = answer.path("team").asText("");
            if (!team.isEmpty()) {
                details.put("team", team);
            }
            return ConnectionCheck.ok("Slack accepted the default bot token", details);
        } catch (io.scheduledreports.spi.ReportsException e) {
            return ConnectionCheck.failed(e.category(), e.getMessage(), details);
        } catch (IOException | RuntimeException e) {
            return ConnectionCheck.failed(ErrorCategory.NETWORK, "slack auth.test failed: " + e.getMessage(), details);
        }
    }

    private void uploadBytes(URI uploadUrl, Artifact artifact) throws IOException {
        OutboundResponse response;
        try {
            response = http.send(OutboundRequest.post(
                    uploadUrl, RequestBody.ofStream("application/octet-stream", artifact.size(), artifact::open)));
        } catch (OutboundRefusedException e) {
            throw e;
        } catch (IOException e) {
            throw OutboundFailures.classify("slack file upload", e);
        }
        if (!response.isSuccess()) {
            httpFailure("slack file upload", response);
        }
    }

    private JsonNode call(String method, String token, RequestBody body) throws IOException {
        String what = "slack " + method;
        OutboundResponse response;
        try {
            response = http.send(OutboundRequest.post(settings.apiBaseUrl().resolve(method), body)
                    .withHeader("Authorization", "Bearer " + token));
        } catch (OutboundRefusedException e) {
            throw e;
        } catch (IOException e) {
            throw OutboundFailures.classify(what, e);
        }
        if (response.status() == 429 || !response.isSuccess()) {
            httpFailure(what, response);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ReportsException(
                    ErrorCategory.NETWORK,
                    what + " answered " + response.status() + " with no JSON: " + response.bodyExcerpt(200));
        }
        if (answer == null || !answer.path("ok").asBoolean(false)) {
            String error = answer == null ? "no answer" : answer.path("error").asText("unknown_error");
            String message = what + " failed: " + error;
            if (error.equals("ratelimited")) {
                throw OutboundFailures.retryable(
                        message,
                        response.retryAfter(settings.clock().instant()).orElse(java.time.Duration.ofMinutes(1)),
                        settings.maxRetryAfter());
            }
            ErrorCategory category = SlackErrors.categorize(error);
            throw new ReportsException(category, message);
        }
        return answer;
    }

    private void httpFailure(String what, OutboundResponse response) {
        int status = response.status();
        String message = what + " answered HTTP " + status + excerpt(response);
        if (status == 429 || status == 408 || status >= 500) {
            throw OutboundFailures.retryable(
                    message, response.retryAfter(settings.clock().instant()).orElse(null), settings.maxRetryAfter());
        }
        if (status == 401 || status == 403 || status == 404 || (status >= 300 && status < 400)) {
            throw new ReportsException(ErrorCategory.CONFIGURATION, message);
        }
        throw new ReportsException(ErrorCategory.DATA, message);
    }

    private static String excerpt(OutboundResponse response) {
        String e = response.bodyExcerpt(1024);
        return e.isEmpty() ? "" : ": " + e;
    }

    private String token(String name) {
        if (name == null) {
            throw new ReportsException(ErrorCategory.CONFIGURATION, "no slack bot token configured");
        }
        return settings.secrets()
                .resolve(name)
                .orElseThrow(() -> new ReportsException(
                        ErrorCategory.CONFIGURATION,
                        "secret '" + name + "' is no longer known to the secret resolver"));
    }

    private static RequestBody form(Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return RequestBody.ofString("application/x-www-form-urlencoded", body);
    }

    @Override
    public void close() {
        http.close();
    }
}
