package io.scheduledreports.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the dashboard, {@code scheduled-reports.dashboard.*}. */
@ConfigurationProperties("scheduled-reports.dashboard")
public class ScheduledReportsDashboardProperties {

    /** Default of {@link #getPath()}. */
    public static final String DEFAULT_PATH = "/scheduled-reports/";

    /** Default of {@link #getRefreshInterval()}. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(5);

    /** Whether to serve the dashboard when the module is on the classpath and the REST API is on. */
    private boolean enabled = true;

    /** Path the dashboard is served under; must start and end with '/' and must not be the API's base path. */
    private String path = DEFAULT_PATH;

    /** Maximum time between two refreshes of an open page (lists, history, queue depth); at least 1s. */
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }
}
