package io.scheduledreports.dashboard.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The dashboard's one HTML page: the shell from the jar with the API base path, the refresh interval and (when
 * Spring Security's CSRF protection is on) the request's CSRF token filled into {@code <meta>} tags. Everything
 * else is static assets and calls to the REST API from the browser.
 */
public final class DashboardPage {

    /** Class-path folder of the static assets. */
    public static final String ASSETS = "/io/scheduledreports/dashboard/ui";

    /** Restrictive: scripts, styles and calls only from this origin; nothing inline, no plugins, no framing by others. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'self'";

    private static final boolean SPRING_SECURITY = ClassUtils.isPresent(
            "org.springframework.security.web.csrf.CsrfToken", DashboardPage.class.getClassLoader());

    private final String path;
    private final String apiBasePath;
    private final Duration refreshInterval;
    private final String template;

    /**
     * Checks the settings and reads the page shell.
     *
     * @param path where the dashboard is served ({@code scheduled-reports.dashboard.path})
     * @param apiBasePath the REST API's base path ({@code scheduled-reports.api.base-path})
     * @param refreshInterval how often open pages refresh ({@code scheduled-reports.dashboard.refresh-interval})
     * @throws IllegalArgumentException naming the property when a setting is unusable
     */
    public DashboardPage(String path, String apiBasePath, Duration refreshInterval) {
        this.path = checkedPath(path);
        String api = apiBasePath.endsWith("/") ? apiBasePath.substring(0, apiBasePath.length() - 1) : apiBasePath;
        if ((api + "/").equals(this.path) || this.path.startsWith(api + "/")) {
            throw new IllegalArgumentException("scheduled-reports.dashboard.path: must not be the API's base path '"
                    + api + "' or below it, was '" + path + "'; use e.g. /scheduled-reports/");
        }
        this.apiBasePath = api;
        Objects.requireNonNull(refreshInterval, "scheduled-reports.dashboard.refresh-interval");
        if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "scheduled-reports.dashboard.refresh-interval: must be at least 1s, was " + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
        try (InputStream in = DashboardPage.class.getResourceAsStream(ASSETS + "/index.html")) {
            if (in == null) {
                throw new IllegalStateException(
                        "the dashboard's page " + ASSETS + "/index.html is missing from the jar");
            }
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path the dashboard is served under, starting and ending with '/'. */
    public String path() {
        return path;
    }

    /** {@code GET path} answers the page; {@code GET path} without its trailing slash redirects to it. */
    public RouterFunction<ServerResponse> routes() {
        RouterFunctions.Builder routes = RouterFunctions.route().GET(path, this::page);
        if (path.length() > 1) {
            String bare = path.substring(0, path.length() - 1);
            routes.GET(
                    bare,
                    request -> ServerResponse.status(302)
                            .location(URI.create(request.servletRequest().getContextPath() + path))
                            .build());
        }
        return routes.build();
    }

    private ServerResponse page(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        String context = servlet.getContextPath();
        String[] csrf = SPRING_SECURITY ? SecurityCsrf.headerAndToken(servlet) : null;
        String html = template.replace("{{base}}", attribute(context + path))
                .replace("{{api}}", attribute(context + apiBasePath))
                .replace("{{refresh_ms}}", Long.toString(refreshInterval.toMillis()))
                .replace("{{csrf_header}}", csrf == null ? "" : attribute(csrf[0]))
                .replace("{{csrf_token}}", csrf == null ? "" : attribute(csrf[1]));
        return ServerResponse.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .body(html);
    }

    static String checkedPath(String path) {
        if (path == null || !path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("scheduled-reports.dashboard.path: must start and end with '/', was '"
                    + path + "'; e.g. /scheduled-reports/");
        }
        if (!path.matches("/([A-Za-z0-9._~-]+/)*") || path.contains("/../") || path.contains("/./")) {
            throw new IllegalArgumentException("scheduled-reports.dashboard.path: only letters, digits and . _ ~ - "
                    + "between slashes are allowed, was '" + path + "'");
        }
        return path;
    }

    /** Escapes for a double-quoted HTML attribute value. */
    static String attribute(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Loaded only when Spring Security is on the class path. */
    private static final class SecurityCsrf {

        static String[] headerAndToken(HttpServletRequest request) {
            Object attribute = request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
            if (attribute instanceof org.springframework.security.web.csrf.CsrfToken token) {
                return new String[] {token.getHeaderName(), token.getToken()};
            }
            return null;
        }
    }
}
