package io.scheduledreports.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the name of a secret (a webhook signing key, a bot token, an SFTP password) into its value at send time.
 *
 * <p>Secrets never live in the library's tables, schedule JSON, audit, logs or API responses: a schedule's
 * recipient or a channel's connection refers to a secret by <em>name</em>, and channels ask the resolver for the
 * value only when they need it. Channels check at create/update time that every name a recipient uses
 * {@linkplain #contains(String) resolves}, so an unknown name is a validation error, not a failed run.
 *
 * <p>Implementations are thread-safe and do not log values. Names are case-sensitive strings of
 * {@code [A-Za-z0-9._-]}.
 */
@FunctionalInterface
public interface SecretResolver {

    /**
     * Looks a secret up.
     *
     * @param name the secret's name
     * @return its value, or empty when this resolver does not know the name
     */
    Optional<String> resolve(String name);

    /** Whether {@code name} resolves to a value. */
    default boolean contains(String name) {
        return resolve(name).isPresent();
    }

    /**
     * The value of a secret that must exist.
     *
     * @param name the secret's name
     * @return its value
     * @throws ReportsValidationException naming {@code secret} when the name is unknown (the message names the
     *     secret, never a value)
     */
    default String require(String name) {
        return resolve(name)
                .orElseThrow(() -> new ReportsValidationException(
                        "secret", "unknown secret '" + name + "'; configure it in the host's secret resolver"));
    }

    /**
     * Tries this resolver first, then {@code other}.
     *
     * @param other the fallback
     * @return a resolver that consults both
     */
    default SecretResolver orElse(SecretResolver other) {
        Objects.requireNonNull(other, "other");
        return name -> {
            Optional<String> own = resolve(name);
            return own.isPresent() ? own : other.resolve(name);
        };
    }

    /** A resolver that knows no secret (the default: channels that need secrets refuse their recipients). */
    static SecretResolver none() {
        return name -> Optional.empty();
    }

    /**
     * Secrets from a fixed map (copied), e.g. loaded by the host from its own vault at start.
     *
     * @param secrets name to value
     * @return the resolver
     */
    static SecretResolver of(Map<String, String> secrets) {
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(secrets, "secrets"));
        return name -> Optional.ofNullable(name == null ? null : copy.get(name));
    }

    /**
     * Secrets from environment variables: the name {@code slack.bot-token} with prefix {@code REPORTS_SECRET_}
     * is read from {@code REPORTS_SECRET_SLACK_BOT_TOKEN} (upper case, every character other than a letter or
     * digit becomes {@code _}).
     *
     * @param prefix prefix of the variables, e.g. {@code REPORTS_SECRET_}; may be empty
     * @return the resolver
     */
    static SecretResolver environment(String prefix) {
        return fromFunction(prefix, System::getenv);
    }

    /**
     * Secrets from any lookup function using the same naming rule as {@link #environment(String)}; for tests
     * and for adapting a host's configuration source.
     *
     * @param prefix prefix of the keys; may be empty
     * @param lookup variable name to value, null when absent
     * @return the resolver
     */
    static SecretResolver fromFunction(String prefix, Function<String, String> lookup) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(lookup, "lookup");
        return name -> {
            if (name == null || name.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder key = new StringBuilder(prefix);
            for (char c : name.toCharArray()) {
                key.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
            }
            String value = lookup.apply(key.toString().toUpperCase(Locale.ROOT));
            return Optional.ofNullable(value == null || value.isEmpty() ? null : value);
        };
    }
}
