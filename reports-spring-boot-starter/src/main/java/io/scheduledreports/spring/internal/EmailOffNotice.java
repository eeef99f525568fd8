package io.scheduledreports.spring.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Says at start-up, and in the health details, why e-mail delivery is off although the e-mail module is on the
 * classpath: without a mail server the engine starts with no e-mail channel and every e-mail recipient is refused.
 */
public final class EmailOffNotice implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EmailOffNotice.class);

    /** The message logged and shown in the health details. */
    public static final String MESSAGE = "E-mail delivery is off: the e-mail module is present but neither"
            + " scheduled-reports.email.host nor spring.mail.host is set. Set one (and scheduled-reports.email.from)"
            + " to deliver reports by e-mail, or scheduled-reports.email.enabled=false to silence this.";

    @Override
    public void afterSingletonsInstantiated() {
        log.warn(MESSAGE);
    }
}
