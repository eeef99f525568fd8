/**
 * E-mail delivery over SMTP (Jakarta Mail, Eclipse Angus): {@link io.scheduledreports.delivery.email.EmailChannel}
 * configured by {@link io.scheduledreports.delivery.email.EmailSettings}. Recipients choose To, Cc or Bcc with
 * the {@code type} option ({@link io.scheduledreports.delivery.email.RecipientType}); subject and body are
 * templates over {@link io.scheduledreports.delivery.email.EmailTemplates#VARIABLES}.
 */
package io.scheduledreports.delivery.email;
