package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded property test of every public builder of core (found by scanning the compiled classes, so a new builder is
 * covered without touching this test): random and hostile values to every setter, then {@code build()}. A builder
 * may refuse a value only with an {@link IllegalArgumentException} (our validation errors are ones), an
 * {@link IllegalStateException} (a conflicting call) or a {@link NullPointerException} for a null argument; any
 * other exception (arithmetic overflow, {@code DateTimeException}, index errors) is a defect.
 *
 * <p>Fixed seeds keep failures reproducible: the failure message names the builder, the seed, the case and the
 * calls made.
 */
class BuilderFuzzTest {

    static final int CASES_PER_BUILDER = 300;
    static final long SEED = 0x5EED_13L;

    /** A builder factory: a public static method of a public API class that returns a public nested Builder. */
    record Entry(Method factory, Class<?> builder) {
        String name() {
            return factory.getDeclaringClass().getSimpleName() + "." + factory.getName();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPublicBuilderRefusesBadValuesOnlyWithValidationErrors() throws IOException {
        List<Entry> entries = builders();
        assertThat(entries)
                .extracting(Entry::name)
                .as("the scan finds the builders (a rename must not silently drop them)")
                .contains(
                        "ScheduleRequest.builder",
                        "ScheduledReports.builder",
                        "Quotas.builder",
                        "RetryPolicy.builder",
                        "PollingSettings.builder",
                        "DeadLetterPolicy.builder");
        return entries.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> fuzz(e)));
    }

    static List<Entry> builders() throws IOException {
        Path classes = Path.of(ScheduledReports.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                .toAbsolutePath();
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/scheduledreports/core"))) {
            for (Path file : files.sorted().toList()) {
                String relative = classes.relativize(file).toString().replace('\\', '/');
                if (!relative.endsWith(".class") || relative.contains("$") || relative.contains("/internal/")) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(
                            relative.substring(0, relative.length() - 6).replace('/', '.'));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                if (!Modifier.isPublic(type.getModifiers())) {
                    continue;
                }
                for (Method m : type.getMethods()) {
                    Class<?> r = m.getReturnType();
                    if (Modifier.isStatic(m.getModifiers())
                            && m.getDeclaringClass() == type
                            && r.getSimpleName().equals("Builder")
                            && r.getEnclosingClass() == type
                            && Modifier.isPublic(r.getModifiers())) {
                        entries.add(new Entry(m, r));
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    void fuzz(Entry entry) throws Exception {
        List<Method> setters = Arrays.stream(entry.builder().getMethods())
                .filter(m -> m.getDeclaringClass() == entry.builder())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getReturnType() == entry.builder())
                .sorted(Comparator.comparing(Method::toString))
                .toList();
        Method build = Arrays.stream(entry.builder().getMethods())
                .filter(m -> m.getName().equals("build") && m.getParameterCount() == 0)
                .findFirst()
                .orElse(null);
        // building an engine connects to the database and migrates it; its setters are fuzzed, the build is not
        boolean buildIt = entry.factory().getDeclaringClass() != ScheduledReports.class;
        Random random = new Random(SEED ^ entry.name().hashCode());
        List<String> defects = new ArrayList<>();
        for (int i = 0; i < CASES_PER_BUILDER && defects.size() < 5; i++) {
            List<String> calls = new ArrayList<>();
            Object builder;
            Object[] factoryArgs = values(entry.factory().getGenericParameterTypes(), random);
            calls.add(entry.name() + describe(factoryArgs));
            try {
                builder = entry.factory().invoke(null, factoryArgs);
            } catch (InvocationTargetException e) {
                check(e.getCause(), factoryArgs, calls, i, defects);
                continue;
            }
            boolean refused = false;
            int n = 1 + random.nextInt(6);
            for (int c = 0; c < n && !setters.isEmpty(); c++) {
                Method setter = setters.get(random.nextInt(setters.size()));
                Object[] args = values(setter.getGenericParameterTypes(), random);
                calls.add(setter.getName() + describe(args));
                try {
                    setter.invoke(builder, args);
                } catch (InvocationTargetException e) {
                    check(e.getCause(), args, calls, i, defects);
                    refused = true;
                    break;
                }
            }
            if (!refused && build != null && buildIt) {
                calls.add("build()");
                try {
                    build.invoke(builder);
                } catch (InvocationTargetException e) {
                    check(e.getCause(), new Object[0], calls, i, defects);
                }
            }
        }
        assertThat(defects)
                .as("calls of %s that failed with something else than a validation error", entry.name())
                .isEmpty();
    }

    private static void check(Throwable t, Object[] args, List<String> calls, int i, List<String> defects) {
        boolean hadNull = Arrays.stream(args).anyMatch(BuilderFuzzTest::containsNull);
        boolean allowed = t instanceof IllegalArgumentException
                || t instanceof IllegalStateException
                || (t instanceof NullPointerException && hadNull);
        if (!allowed) {
            defects.add("case " + i + ": " + String.join(" -> ", calls) + " threw " + t);
        }
    }

    private static boolean containsNull(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().anyMatch(BuilderFuzzTest::containsNull);
        }
        if (value instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(BuilderFuzzTest::containsNull)
                    || m.values().stream().anyMatch(BuilderFuzzTest::containsNull);
        }
        if (value instanceof Object[] a) {
            return Arrays.stream(a).anyMatch(BuilderFuzzTest::containsNull);
        }
        return false;
    }

    private static String describe(Object[] args) {
        StringBuilder sb = new StringBuilder("(");
        for (Object a : args) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            String s = String.valueOf(a);
            sb.append(s.length() > 60 ? s.substring(0, 60) + "...(" + s.length() + ")" : s);
        }
        return sb.append(')').toString();
    }

    // ---------------------------------------------------------------- random values

    static final String[] NASTY = {
        "",
        " ",
        "a",
        "acme",
        " acme ",
        "0",
        "-1",
        "null",
        "NaN",
        "09:00",
        "25:61",
        "2026-02-30",
        "last",
        "UTC",
        "Mars/Olympus",
        "Europe/Berlin",
        "* * * * *",
        "0 0 31 2 *",
        "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}",
        "{\"cadence\":\"cron\",\"cron_expression\":\"99 99 * * *\",\"timezone\":\"UTC\"}",
        "{\"cadence\":\"once\",\"run_at\":\"+999999999-12-31T23:59:59Z\",\"timezone\":\"UTC\"}",
        "{\"cadence\":",
        "[]",
        "csv",
        "email",
        "a@b.c",
        "01-01",
        "13-45",
        "\u0000",
        "\t\r\n",
        "\uD800",
        "🙂",
        "'; DROP TABLE x; --",
        "../../etc/passwd",
        "%s%n",
        "${jndi:ldap://x}",
    };

    static Object[] values(Type[] types, Random r) {
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = value(types[i], r);
        }
        return args;
    }

    /** A random value of a declared type; collections get elements of their declared element types. */
    static Object value(Type declared, Random r) {
        if (declared instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] a = p.getActualTypeArguments();
            if (r.nextInt(12) == 0) {
                return null;
            }
            if (Map.class.isAssignableFrom(raw) && a.length == 2) {
                Map<Object, Object> m = new HashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    Object k = value(a[0], r);
                    if (k != null) {
                        m.put(k, value(a[1], r));
                    }
                }
                m.values().removeIf(v -> v == null);
                return m;
            }
            if (Collection.class.isAssignableFrom(raw) && a.length == 1) {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    l.add(value(a[0], r));
                }
                return raw == Set.class ? new java.util.HashSet<>(l) : l;
            }
            return value(raw, r);
        }
        if (declared instanceof WildcardType w) {
            return value(w.getUpperBounds()[0], r);
        }
        return declared instanceof Class<?> c ? value(c, r) : null;
    }

    static Object value(Class<?> type, Random r) {
        boolean primitive = type.isPrimitive();
        if (!primitive && r.nextInt(12) == 0) {
            return null;
        }
        if (type == String.class || type == Object.class || type == CharSequence.class) {
            return string(r);
        }
        if (type == int.class || type == Integer.class) {
            return switch (r.nextInt(5)) {
                case 0 -> Integer.MAX_VALUE;
                case 1 -> Integer.MIN_VALUE;
                case 2 -> -1 - r.nextInt(10);
                default -> r.nextInt(100);
            };
        }
        if (type == long.class || type == Long.class) {
            return switch (r.nextInt(4)) {
                case 0 -> Long.MAX_VALUE;
                case 1 -> Long.MIN_VALUE;
                case 2 -> -1L;
                default -> (long) r.nextInt(1_000_000);
            };
        }
        if (type == double.class || type == Double.class) {
            return new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1.0, 0.0, 0.5, 1e308}[r.nextInt(6)];
        }
        if (type == boolean.class || type == Boolean.class) {
            return r.nextBoolean();
        }
        if (type == Duration.class) {
            return switch (r.nextInt(7)) {
                case 0 -> Duration.ZERO;
                case 1 -> Duration.ofSeconds(Long.MAX_VALUE);
                case 2 -> Duration.ofSeconds(Long.MIN_VALUE);
                case 3 -> Duration.ofMillis(-1 - r.nextInt(1000));
                case 4 -> Duration.ofNanos(1);
                default -> Duration.ofSeconds(r.nextInt(10_000_000));
            };
        }
        if (type == Instant.class) {
            return new Instant[] {Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("2026-02-10T18:30:00Z")}
                    [r.nextInt(4)];
        }
        if (type == LocalDate.class) {
            return new LocalDate[] {LocalDate.MIN, LocalDate.MAX, LocalDate.of(2026, 2, 28)}[r.nextInt(3)];
        }
        if (type == LocalTime.class) {
            return new LocalTime[] {LocalTime.MIN, LocalTime.MAX, LocalTime.NOON}[r.nextInt(3)];
        }
        if (type == ZoneId.class) {
            return ZoneId.of(
                    new String[] {"UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/St_Johns"}[r.nextInt(4)]);
        }
        if (type == Locale.class) {
            return new Locale[] {Locale.ROOT, Locale.GERMANY, Locale.forLanguageTag("x-" + "a".repeat(8))}
                    [r.nextInt(3)];
        }
        if (type == URI.class) {
            try {
                return new URI[] {
                            new URI("http://localhost/x"),
                            new URI("relative"),
                            new URI("ftp://h/"),
                            new URI("https://a")
                        }
                        [r.nextInt(4)];
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        if (type == Path.class) {
            return Path.of(System.getProperty("java.io.tmpdir"), "builder-fuzz-" + r.nextInt(3));
        }
        if (type == DataSource.class) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:builder-fuzz;DB_CLOSE_DELAY=-1");
            return ds;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[r.nextInt(constants.length)];
        }
        if (type == Map.class) {
            Map<String, Object> m = new HashMap<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                m.put(string(r), r.nextBoolean() ? string(r) : Duration.ofHours(r.nextInt(100)));
            }
            return m;
        }
        if (type == List.class || type == Collection.class || type == Iterable.class || type == Set.class) {
            List<Object> l = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                l.add(string(r));
            }
            return type == Set.class ? Set.copyOf(l) : l;
        }
        if (type.isArray() && type.getComponentType() == String.class) {
            String[] a = new String[r.nextInt(4)];
            for (int i = 0; i < a.length; i++) {
                a[i] = string(r);
            }
            return a;
        }
        return primitive ? 0 : null; // host plug-ins and other types: only null is generated
    }

    static String string(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "x".repeat(r.nextBoolean() ? 201 : 70_000);
            case 1 -> {
                StringBuilder sb = new StringBuilder();
                for (int i = r.nextInt(20); i > 0; i--) {
                    sb.append((char) r.nextInt(0x3000));
                }
                yield sb.toString();
            }
            default -> NASTY[r.nextInt(NASTY.length)];
        };
    }
}
