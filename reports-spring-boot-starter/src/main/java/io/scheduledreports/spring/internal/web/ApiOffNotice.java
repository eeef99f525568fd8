package io.scheduledreports.spring.internal.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/** Says at start-up why the REST API is off, so a host does not have to guess. */
public final class ApiOffNotice implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ApiOffNotice.class);

    /** The message logged. */
    public static final String MESSAGE = "Scheduled Reports REST API is off: no ReportsPrincipalResolver bean tells"
            + " it who is calling. Define one (HttpServletRequest -> Actor with tenant, user and roles) or add"
            + " Spring Security to use the default resolver; set scheduled-reports.api.enabled=false to silence"
            + " this.";

    @Override
    public void afterSingletonsInstantiated() {
        log.info(MESSAGE);
    }
}
