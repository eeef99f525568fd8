package io.scheduledreports.storage.s3;

import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.storage.s3.internal.ObjectKeys;
import io.scheduledreports.storage.s3.internal.ObjectNameTemplate;
import io.scheduledreports.storage.s3.internal.S3Clients;
import io.scheduledreports.storage.s3.internal.S3ObjectOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The {@code s3} delivery channel: copies the generated file into a bucket the recipient names, e.g.
 * destination {@code s3://finance-drop/reports/weekly}. The object name comes from a template (recipient
 * option {@code object_name}, default {@value #DEFAULT_OBJECT_NAME}) whose rendered segments are sanitised; a
 * retry writes the same name again (overwrite), so delivery is idempotent.
 *
 * <p>Credentials come from {@linkplain S3Connection named connections} the host configures (recipient option
 * {@code connection}, default the connection named {@value #DEFAULT_CONNECTION}); a tenant may only deliver to
 * the buckets on its allowlist, checked when the schedule is created or updated and again at send time.
 */
public final class S3DeliveryChannel implements DeliveryChannel, AutoCloseable {

    /** The channel id. */
    public static final String ID = "s3";

    /** The default object name template. */
    public static final String DEFAULT_OBJECT_NAME = "{schedule}/{date}/{file_name}";

    /** The connection used when a recipient names none. */
    public static final String DEFAULT_CONNECTION = "default";

    /** Recipient option: the connection name. */
    public static final String CONNECTION_OPTION = "connection";

    /** Recipient option: the object name template. */
    public static final String OBJECT_NAME_OPTION = "object_name";

    /** Any tenant, in {@link Builder#allowBuckets(String, String...)}. */
    public static final String ALL_TENANTS = "*";

    private static final String DESTINATION = "recipients.destination";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final Map<String, S3Connection> connections;
    private final Map<String, Set<String>> allowlist;
    private final SecretResolver secrets;
    private final ObjectNameTemplate defaultTemplate;
    private final int partSize;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Consumer<S3ClientBuilder> customizer;
    private final Map<String, S3Client> clients = new ConcurrentHashMap<>();
    private final ExecutorService uploader = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("s3-channel-upload-", 0).factory());

    private S3DeliveryChannel(Builder b) {
        this.connections = Map.copyOf(b.connections);
        Map<String, Set<String>> allow = new TreeMap<>();
        b.allowlist.forEach((tenant, buckets) -> allow.put(tenant, Set.copyOf(buckets)));
        this.allowlist = Map.copyOf(allow);
        this.secrets = b.secrets;
        this.defaultTemplate = ObjectNameTemplate.parse("objectName", b.objectName);
        this.partSize = b.partSize;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.customizer = b.customizer;
    }

    /** A builder; at least one connection is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Checks the shape of a recipient: destination {@code s3://bucket[/prefix]}, a known connection, a valid
     * object name template. The tenant's allowlist is checked by {@link #validateRecipient(String, Recipient)}.
     *
     * @throws ReportsValidationException naming {@code recipients.destination} or
     *     {@code recipients.options.<name>}
     */
    @Override
    public void validateRecipient(Recipient recipient) {
        Objects.requireNonNull(recipient, "recipient");
        Destination.parse(recipient.destination());
        for (String option : new TreeSet<>(recipient.options().keySet())) {
            if (!option.equals(CONNECTION_OPTION) && !option.equals(OBJECT_NAME_OPTION)) {
                throw new ReportsValidationException(
                        "recipients.options." + ObjectKeys.printable(option),
                        "unknown option for channel '" + ID + "'; known: " + CONNECTION_OPTION + ", "
                                + OBJECT_NAME_OPTION);
            }
        }
        connection(recipient);
        template(recipient);
    }

    /**
     * Checks a recipient for a tenant: its shape, then the tenant's bucket allowlist.
     *
     * @throws ReportsValidationException naming {@code recipients.destination} when the bucket is not allowed
     */
    @Override
    public void validateRecipient(String tenantId, Recipient recipient) {
        validateRecipient(recipient);
        Destination d = Destination.parse(recipient.destination());
        if (!allowed(tenantId, d.bucket())) {
            throw new ReportsValidationException(
                    DESTINATION,
                    "bucket '" + d.bucket() + "' is not on the allowlist of tenant '" + tenantId + "', was '"
                            + recipient.destination() + "'");
        }
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) throws IOException {
        Recipient recipient = delivery.recipient();
        Destination d = Destination.parse(recipient.destination());
        if (!allowed(delivery.tenantId(), d.bucket())) {
            return DeliveryResult.failed(
                    ErrorCategory.CONFIGURATION,
                    "bucket '" + d.bucket() + "' is not on the allowlist of tenant '" + delivery.tenantId() + "'");
        }
        S3Connection connection = connection(recipient);
        String name = template(recipient).render(variables(delivery));
        String key = d.prefix().isEmpty() ? name : d.prefix() + "/" + name;
        if (key.length() > ObjectKeys.MAX_KEY) {
            return DeliveryResult.failed(
                    ErrorCategory.DATA, "object name longer than " + ObjectKeys.MAX_KEY + " characters: " + key);
        }
        Artifact artifact = delivery.artifact();
        S3ObjectOutput out = new S3ObjectOutput(new S3ObjectOutput.Target(
                client(connection),
                d.bucket(),
                key,
                artifact.mediaType(),
                partSize,
                put -> apply(connection.encryption(), put, delivery.idempotencyKey()),
                create -> apply(connection.encryption(), create, delivery.idempotencyKey()),
                uploader));
        try (out;
                InputStream in = artifact.open()) {
            in.transferTo(out);
            out.commit();
        }
        return DeliveryResult.sent("s3://" + d.bucket() + "/" + key);
    }

    /** Closes the SDK clients. */
    @Override
    public void close() {
        uploader.close();
        clients.values().forEach(S3Client::close);
        clients.clear();
    }

    /** The names of the configured connections. */
    public Set<String> connectionNames() {
        return new TreeSet<>(connections.keySet());
    }

    private boolean allowed(String tenantId, String bucket) {
        Set<String> own = allowlist.get(tenantId);
        Set<String> all = allowlist.get(ALL_TENANTS);
        return (own != null && own.contains(bucket)) || (all != null && all.contains(bucket));
    }

    private S3Connection connection(Recipient recipient) {
        String name = recipient.option(CONNECTION_OPTION, DEFAULT_CONNECTION);
        S3Connection c = connections.get(name);
        if (c == null) {
            throw new ReportsValidationException(
                    "recipients.options." + CONNECTION_OPTION,
                    "unknown connection '" + ObjectKeys.printable(name) + "'; configured: " + connectionNames());
        }
        if (c.accessKeyIdSecret() != null) {
            for (String secret : new String[] {c.accessKeyIdSecret(), c.secretAccessKeySecret()}) {
                if (!secrets.contains(secret)) {
                    throw new ReportsValidationException(
                            "recipients.options." + CONNECTION_OPTION,
                            "connection '" + name + "' needs secret '" + secret
                                    + "', which the secret resolver does not know");
                }
            }
        }
        return c;
    }

    private ObjectNameTemplate template(Recipient recipient) {
        String t = recipient.options().get(OBJECT_NAME_OPTION);
        return t == null ? defaultTemplate : ObjectNameTemplate.parse("recipients.options." + OBJECT_NAME_OPTION, t);
    }

    private static Map<String, String> variables(Delivery d) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("schedule", d.reportName().isBlank() ? "report" : d.reportName());
        v.put("schedule_id", d.scheduleId() == null ? "" : d.scheduleId());
        v.put("execution_id", d.executionId());
        v.put("tenant", d.tenantId());
        v.put("date", DATE.format(d.scheduledFor().atZone(d.zone())));
        v.put("file_name", d.artifact().fileName());
        return v;
    }

    private S3Client client(S3Connection c) {
        return clients.computeIfAbsent(
                c.name(),
                n -> S3Clients.client(
                        new S3Clients.Settings(
                                c.region(),
                                c.endpoint(),
                                c.pathStyleAccess(),
                                credentials(c),
                                connectTimeout,
                                requestTimeout),
                        customizer));
    }

    private AwsCredentialsProvider credentials(S3Connection c) {
        if (c.accessKeyIdSecret() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        // resolved on every request, so a rotated secret is picked up without a restart
        return () -> AwsBasicCredentials.create(
                secrets.require(c.accessKeyIdSecret()), secrets.require(c.secretAccessKeySecret()));
    }

    private static void apply(Encryption e, PutObjectRequest.Builder put, String idempotencyKey) {
        put.metadata(Map.of("idempotency-key", ObjectKeys.sanitise(idempotencyKey)));
        switch (e.mode()) {
            case S3 -> put.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS -> put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(e.kmsKeyId());
            case NONE -> {}
        }
    }

    private static void apply(Encryption e, CreateMultipartUploadRequest.Builder create, String idempotencyKey) {
        create.metadata(Map.of("idempotency-key", ObjectKeys.sanitise(idempotencyKey)));
        switch (e.mode()) {
            case S3 -> create.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS ->
                create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(e.kmsKeyId());
            case NONE -> {}
        }
    }

    /** A parsed {@code s3://bucket[/prefix]} destination. */
    private record Destination(String bucket, String prefix) {
        static Destination parse(String destination) {
            if (destination == null || !destination.startsWith("s3://")) {
                throw new ReportsValidationException(
                        DESTINATION,
                        "must be s3://bucket or s3://bucket/prefix, was "
                                + (destination == null ? "null" : "'" + ObjectKeys.printable(destination) + "'"));
            }
            String rest = destination.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            try {
                ObjectKeys.requireBucket("bucket", bucket);
                prefix = ObjectKeys.requirePrefix("prefix", prefix);
            } catch (IllegalArgumentException e) {
                throw new ReportsValidationException(
                        DESTINATION, e.getMessage() + ", in '" + ObjectKeys.printable(destination) + "'");
            }
            return new Destination(bucket, prefix);
        }
    }

    /** Settings of an {@link S3DeliveryChannel}. */
    public static final class Builder {
        private final Map<String, S3Connection> connections = new LinkedHashMap<>();
        private final Map<String, Set<String>> allowlist = new LinkedHashMap<>();
        private SecretResolver secrets = SecretResolver.none();
        private String objectName = DEFAULT_OBJECT_NAME;
        private int partSize = S3ArtifactStore.DEFAULT_PART_SIZE;
        private Duration connectTimeout = S3ArtifactStore.DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = S3ArtifactStore.DEFAULT_REQUEST_TIMEOUT;
        private Consumer<S3ClientBuilder> customizer = b -> {};

        private Builder() {}

        /** Adds a named connection; names are unique. */
        public Builder connection(S3Connection connection) {
            Objects.requireNonNull(connection, "connection");
            if (connections.putIfAbsent(connection.name(), connection) != null) {
                throw new IllegalArgumentException("connection.name: '" + connection.name() + "' is configured twice");
            }
            return this;
        }

        /** Resolves the connections' secret names (default: none, so connections with secrets are refused). */
        public Builder secrets(SecretResolver secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /**
         * Allows a tenant to deliver into buckets; {@link #ALL_TENANTS} allows every tenant. Without an entry a
         * tenant can use no bucket.
         */
        public Builder allowBuckets(String tenantId, String... buckets) {
            Objects.requireNonNull(tenantId, "tenantId");
            Set<String> set = allowlist.computeIfAbsent(tenantId, t -> new TreeSet<>());
            for (String bucket : buckets) {
                set.add(ObjectKeys.requireBucket("allowBuckets." + tenantId, bucket));
            }
            return this;
        }

        /** The default object name template (default {@value #DEFAULT_OBJECT_NAME}). */
        public Builder objectName(String template) {
            ObjectNameTemplate.parse("objectName", template);
            this.objectName = template;
            return this;
        }

        /** Part size of multipart uploads for large files (default 8 MiB). */
        public Builder partSize(int bytes) {
            if (bytes < S3ArtifactStore.MIN_PART_SIZE || bytes > S3ArtifactStore.MAX_PART_SIZE) {
                throw new IllegalArgumentException("partSize: must be between " + S3ArtifactStore.MIN_PART_SIZE
                        + " and " + S3ArtifactStore.MAX_PART_SIZE + " bytes, was " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        /** Connect timeout (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
            return this;
        }

        /** Timeout of one request attempt (default 2 min). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "requestTimeout");
            return this;
        }

        /** Adjusts every SDK client builder after our settings. */
        public Builder clientCustomizer(Consumer<S3ClientBuilder> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "clientCustomizer");
            return this;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalStateException without any connection
         */
        public S3DeliveryChannel build() {
            if (connections.isEmpty()) {
                throw new IllegalStateException("connection: at least one is required");
            }
            return new S3DeliveryChannel(this);
        }
    }
}
