package io.scheduledreports.delivery.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.spi.ErrorCategory;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/** The exceptions Angus Mail throws, built the way it builds them, and their categories. */
class SmtpFailureClassifierTest {

    private final SmtpFailureClassifier classifier = new SmtpFailureClassifier("smtp.example.com:587", "reports");
    private static final InternetAddress ALICE = address("alice@example.com");

    @Test
    void refusedCredentialsAreConfiguration() {
        SmtpFailure failure =
                classifier.classify(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"));

        assertThat(failure.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(failure.message())
                .isEqualTo("SMTP server smtp.example.com:587 refused the credentials of user 'reports' (535 5.7.8"
                        + " Authentication credentials invalid); check email.username and email.password");
    }

    @Test
    void aRecipientRefusedWith5xxIsDataAndWith4xxNetwork() {
        assertThat(classifier.classify(recipientFailure(550, "550 5.1.1 user unknown")))
                .isEqualTo(new SmtpFailure(
                        ErrorCategory.DATA,
                        "SMTP server smtp.example.com:587 refused recipient alice@example.com: 550 5.1.1 user unknown",
                        true));
        assertThat(classifier
                        .classify(recipientFailure(553, "553 mailbox name not allowed"))
                        .category())
                .isEqualTo(ErrorCategory.DATA);
        assertThat(classifier
                        .classify(recipientFailure(450, "450 4.2.1 mailbox busy"))
                        .category())
                .isEqualTo(ErrorCategory.NETWORK);
        assertThat(classifier
                        .classify(recipientFailure(452, "452 4.5.3 too many recipients"))
                        .category())
                .isEqualTo(ErrorCategory.NETWORK);
    }

    @Test
    void aSendFailureListingInvalidAddressesIsData() {
        SendFailedException failure = new SendFailedException(
                "Invalid Addresses", null, new Address[0], new Address[0], new Address[] {ALICE});

        assertThat(classifier.classify(failure).category()).isEqualTo(ErrorCategory.DATA);
        assertThat(classifier
                        .classify(new SendFailedException("No recipient addresses"))
                        .category())
                .isEqualTo(ErrorCategory.NETWORK);
    }

    @Test
    void aMessageRefusedAfterDataIsDataWith5xxAndNetworkWith4xx() {
        assertThat(classifier
                        .classify(commandFailure(".", 554, "554 5.7.1 spam"))
                        .category())
                .isEqualTo(ErrorCategory.DATA);
        assertThat(classifier
                        .classify(commandFailure("DATA", 552, "552 5.3.4 message too big"))
                        .category())
                .isEqualTo(ErrorCategory.DATA);
        assertThat(classifier
                        .classify(commandFailure(".", 451, "451 4.3.0 try again"))
                        .category())
                .isEqualTo(ErrorCategory.NETWORK);
        assertThat(classifier
                        .classify(commandFailure(".", 421, "421 4.4.2 closing"))
                        .category())
                .isEqualTo(ErrorCategory.NETWORK);
    }

    @Test
    void onlyPermanentRefusalsOfTheRecipientOrTheMessageAreBounces() {
        assertThat(classifier
                        .classify(recipientFailure(550, "550 5.1.1 user unknown"))
                        .bounce())
                .isTrue();
        assertThat(classifier
                        .classify(commandFailure(".", 554, "554 5.7.1 spam"))
                        .bounce())
                .isTrue();
        assertThat(classifier
                        .classify(recipientFailure(450, "450 4.2.1 mailbox busy"))
                        .bounce())
                .as("temporary")
                .isFalse();
        assertThat(classifier
                        .classify(commandFailure("MAIL FROM:<reports@example.com>", 553, "553 not allowed"))
                        .bounce())
                .as("our sender refused: not the recipient's fault")
                .isFalse();
        assertThat(classifier
                        .classify(new AuthenticationFailedException("535 5.7.8 bad credentials"))
                        .bounce())
                .isFalse();
    }

    @Test
    void aSenderRefusedIsConfiguration() {
        SMTPSendFailedException mailFrom = commandFailure("MAIL FROM:<reports@example.com>", 553, "553 not allowed");
        assertThat(classifier.classify(mailFrom).category()).isEqualTo(ErrorCategory.CONFIGURATION);

        mailFrom.setNextException(new SMTPSenderFailedException(
                address("reports@example.com"), "MAIL FROM:<reports@example.com>", 553, "553 not allowed"));
        SmtpFailure failure = classifier.classify(mailFrom);
        assertThat(failure.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(failure.message()).contains("refused sender reports@example.com");

        assertThat(classifier
                        .classify(commandFailure("MAIL FROM:<reports@example.com>", 421, "421 busy"))
                        .category())
                .isEqualTo(ErrorCategory.NETWORK);
    }

    @Test
    void connectionRefusedTimeoutsAndUnknownHostsAreNetwork() {
        MailConnectException refused = new MailConnectException(new SocketConnectException(
                "Couldn't connect", new ConnectException("Connection refused"), "smtp.example.com", 587, 10_000));
        assertThat(classifier.classify(refused).category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(classifier.classify(refused).message())
                .startsWith("cannot connect to SMTP server smtp.example.com:587: ")
                .contains("Connection refused");

        MessagingException timeout =
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));
        assertThat(classifier.classify(timeout).category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(classifier.classify(timeout).message()).startsWith("timed out talking to SMTP server");

        MessagingException unknown = new MessagingException(
                "Unknown SMTP host: smtp.example.com", new UnknownHostException("smtp.example.com"));
        assertThat(classifier.classify(unknown).category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(classifier.classify(unknown).message()).contains("check email.host");

        MessagingException reset =
                new MessagingException("IOException while sending message", new IOException("Connection reset"));
        assertThat(classifier.classify(reset).category()).isEqualTo(ErrorCategory.NETWORK);
    }

    @Test
    void tlsProblemsAreConfiguration() {
        assertThat(classifier.classify(
                        new MessagingException("STARTTLS is required but host does not support STARTTLS")))
                .extracting(SmtpFailure::category)
                .isEqualTo(ErrorCategory.CONFIGURATION);
        MessagingException handshake = new MessagingException(
                "Could not convert socket to TLS", new SSLHandshakeException("PKIX path building failed"));
        assertThat(classifier.classify(handshake).category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(classifier.classify(handshake).message()).contains("PKIX path building failed");
    }

    @Test
    void aBadGreetingIsNetworkWith4xxAndConfigurationWith5xx() {
        assertThat(classifier
                        .classify(
                                new MessagingException(
                                        "Got bad greeting from SMTP host: smtp.example.com, port: 587, response: 421 4.3.2 busy"))
                        .category())
                .isEqualTo(ErrorCategory.NETWORK);
        assertThat(classifier
                        .classify(new MessagingException(
                                "Got bad greeting from SMTP host: smtp.example.com, port: 554, response: 554 go away"))
                        .category())
                .isEqualTo(ErrorCategory.CONFIGURATION);
    }

    @Test
    void aReportFileThatCannotBeReadIsSystemEvenInsideAnSmtpFailure() {
        MessagingException failure = new MessagingException(
                "IOException while sending message",
                new ArtifactReadException("cannot read report file 'x.csv'", new IOException("disk gone")));

        assertThat(classifier.classify(failure))
                .isEqualTo(new SmtpFailure(ErrorCategory.SYSTEM, "cannot read report file 'x.csv': disk gone"));
    }

    @Test
    void otherReplyCodesAndUnknownFailures() {
        assertThat(classifier.classify(new MessagingException("[EOF]")).category())
                .isEqualTo(ErrorCategory.UNKNOWN);
        assertThat(classifier
                        .classify(new MessagingException("454 4.7.0 TLS not available"))
                        .category())
                .isEqualTo(ErrorCategory.NETWORK);
        assertThat(classifier.classify(new IllegalStateException("boom")).category())
                .isEqualTo(ErrorCategory.UNKNOWN);
    }

    @Test
    void survivesCyclicCauseChains() {
        MessagingException a = new MessagingException("a");
        MessagingException b = new MessagingException("b", a);
        a.setNextException(b);

        assertThat(classifier.classify(a).category()).isEqualTo(ErrorCategory.UNKNOWN);
    }

    @Test
    void keepsMultiLineRepliesOnOneLine() {
        SmtpFailure failure =
                classifier.classify(recipientFailure(550, "550-5.1.1 first line\n550 5.1.1 second line\n"));

        assertThat(failure.message()).endsWith("550-5.1.1 first line | 550 5.1.1 second line");
    }

    private static SendFailedException recipientFailure(int code, String response) {
        // What SMTPTransport.rcptTo() throws when the only envelope recipient is refused.
        SMTPAddressFailedException cause =
                new SMTPAddressFailedException(ALICE, "RCPT TO:<alice@example.com>", code, response);
        boolean invalid = code >= 500;
        return new SendFailedException(
                "Invalid Addresses",
                cause,
                new Address[0],
                invalid ? new Address[0] : new Address[] {ALICE},
                invalid ? new Address[] {ALICE} : new Address[0]);
    }

    private static SMTPSendFailedException commandFailure(String command, int code, String response) {
        return new SMTPSendFailedException(command, code, response, null, null, new Address[] {ALICE}, null);
    }

    private static InternetAddress address(String text) {
        try {
            return new InternetAddress(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
