/** The e-mail delivery channel (Jakarta Mail over SMTP). The {@code internal} package is not API. */
module io.scheduledreports.delivery.email {
    requires transitive io.scheduledreports.spi;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;
    requires org.slf4j;

    exports io.scheduledreports.delivery.email;
}
