package io.scheduledreports.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What schedule creation refuses: recipients and delivery options. No SMTP server is involved. */
class EmailChannelValidationTest {

    private final EmailChannel channel = EmailChannel.create(EmailSettings.builder()
            .host("smtp.invalid")
            .from("reports@example.com")
            .build());

    @AfterEach
    void close() {
        channel.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice@example.com",
                "first.last+tag@mail.example.co.uk",
                "o'brien@example.com",
                "x@a-b.example",
                "\"john doe\"@example.com"
            })
    void acceptsPlainAddresses(String address) {
        assertThatCode(() -> channel.validateRecipient(Recipient.of("email", address)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesHeaderInjectionNamingTheFieldAndShowingTheValueEscaped() {
        assertThatThrownBy(() -> channel.validateRecipient(
                        Recipient.of("email", "alice@example.com\r\nBcc: mallory@example.com")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("recipients.destination: must not contain control characters such as CR or LF (header"
                        + " injection), was 'alice@example.com\\r\\nBcc: mallory@example.com'")
                .extracting(e -> ((ReportsValidationException) e).field())
                .isEqualTo("recipients.destination");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice@example.com\nBcc: m@example.com",
                "alice@example.com\rX: y",
                "alice@example.com\u0000",
                "alice\t@example.com",
                "alice@example.com\u2028Bcc: m@example.com",
                "alice@example.com\u0085"
            })
    void refusesEveryKindOfLineBreakOrControlCharacter(String address) {
        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("email", address)))
                .hasMessageStartingWith("recipients.destination: must not contain control characters");
    }

    @Test
    void refusesSeveralAddressesInOneRecipient() {
        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("email", "alice@example.com, bob@example.com")))
                .hasMessage("recipients.destination: must be exactly one address; add one recipient per address, was"
                        + " 'alice@example.com, bob@example.com'");
    }

    @Test
    void refusesDisplayNamesAndAngleBrackets() {
        for (String address : new String[] {"Alice <alice@example.com>", "<alice@example.com>"}) {
            assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("email", address)))
                    .as(address)
                    .hasMessageStartingWith("recipients.destination: must be a plain address like name@example.com");
        }
    }

    @Test
    void refusesGroups() {
        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("email", "team: alice@example.com;")))
                .hasMessageStartingWith("recipients.destination: ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice",
                "alice@",
                "@example.com",
                "alice@@example.com",
                "alice..b@example.com",
                ".alice@example.com",
                "alice@example..com",
                "alice@-example.com",
                "alice@example-.com",
                "alice@localhost",
                "alice@example.123",
                "alice@[127.0.0.1]",
                "al ice@example.com",
                "alice@exa_mple.com",
                " alice@example.com"
            })
    void refusesMalformedAddresses(String address) {
        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("email", address)))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("recipients.destination: ");
    }

    @Test
    void explainsTheRuleThatWasBroken() {
        assertThat(refusal("alice@localhost"))
                .isEqualTo(
                        "recipients.destination: domain must have a dot, like name@example.com, was 'alice@localhost'");
        assertThat(refusal("alice@[127.0.0.1]"))
                .isEqualTo(
                        "recipients.destination: must use a host name, not a domain literal, was 'alice@[127.0.0.1]'");
        assertThat(refusal("jörg@example.com"))
                .isEqualTo("recipients.destination: must be ASCII; write an international domain in its xn-- form,"
                        + " was 'jörg@example.com'");
        assertThat(refusal("a".repeat(65) + "@example.com"))
                .isEqualTo("recipients.destination: local part (before @) must be at most 64 characters, was 65");
        assertThat(refusal("alice@example.123"))
                .isEqualTo("recipients.destination: top-level domain must not be numeric, was 'alice@example.123'");
    }

    @Test
    void acceptsTheRecipientTypes() {
        for (RecipientType type : RecipientType.values()) {
            assertThatCode(() -> channel.validateRecipient(type.recipient("alice@example.com")))
                    .doesNotThrowAnyException();
            assertThat(RecipientType.of(type.recipient("alice@example.com"))).isEqualTo(type);
        }
        assertThat(RecipientType.of(Recipient.of("email", "alice@example.com"))).isEqualTo(RecipientType.TO);
    }

    @Test
    void refusesAnUnknownTypeOrOption() {
        assertThatThrownBy(() -> channel.validateRecipient(
                        new Recipient(null, "email", "alice@example.com", Map.of("type", "BCC"))))
                .hasMessage("recipients.options.type: must be one of to, cc, bcc, was 'BCC'");
        assertThatThrownBy(() -> channel.validateRecipient(
                        new Recipient(null, "email", "alice@example.com", Map.of("kind", "cc"))))
                .hasMessage("recipients.options.kind: unknown option for channel 'email'; known: type");
    }

    @Test
    void acceptsTemplatesUsingEveryKnownVariable() {
        String all = EmailTemplates.VARIABLES.stream().map(v -> "{" + v + "}").collect(Collectors.joining(" "));

        assertThatCode(() -> channel.validateOptions(Map.of("subject", all, "body", all + "\n{{literal}}\n")))
                .doesNotThrowAnyException();
        assertThatCode(() -> channel.validateOptions(Map.of())).doesNotThrowAnyException();
    }

    @Test
    void refusesAnUnknownVariableNamingTheOptionAndTheVariable() {
        assertThatThrownBy(() -> channel.validateOptions(Map.of("subject", "Sales {reprot_name}")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("delivery_options.subject: unknown variable {reprot_name}; known: {report_name},"
                        + " {report_type}, {date}, {scheduled_for}, {timezone}, {row_count}, {file_name}, {file_size},"
                        + " {format}, {download_url}, {download_expires_at}, {execution_id}");
        assertThatThrownBy(() -> channel.validateOptions(Map.of("body", "Hi {Report_Name}")))
                .hasMessageStartingWith("delivery_options.body: unknown variable {Report_Name}; known: ");
    }

    @Test
    void refusesUnbalancedBraces() {
        assertThatThrownBy(() -> channel.validateOptions(Map.of("body", "Hi {report_name")))
                .hasMessage("delivery_options.body: unclosed '{' at character 4; write '{{' for a literal brace, was"
                        + " 'Hi {report_name'");
        assertThatThrownBy(() -> channel.validateOptions(Map.of("subject", "a } b")))
                .hasMessage("delivery_options.subject: unmatched '}' at character 3; write '}}' for a literal brace,"
                        + " was 'a } b'");
    }

    @Test
    void refusesALineBreakInTheSubjectTemplate() {
        assertThatThrownBy(() -> channel.validateOptions(Map.of("subject", "Sales\r\nBcc: mallory@example.com")))
                .hasMessage("delivery_options.subject: must not contain control characters such as CR or LF (header"
                        + " injection), was 'Sales\\r\\nBcc: mallory@example.com'");
    }

    @Test
    void refusesUnknownOptionsAndBlankTemplates() {
        assertThatThrownBy(() -> channel.validateOptions(Map.of("colour", "red")))
                .hasMessage(
                        "delivery_options.colour: unknown option for channel 'email'; known: attach, body, inline_rows, subject");
        assertThatThrownBy(() -> channel.validateOptions(Map.of("subject", " ")))
                .hasMessage("delivery_options.subject: must not be blank");
        assertThatThrownBy(() -> channel.validateOptions(Map.of("body", "x".repeat(20_001))))
                .hasMessage("delivery_options.body: must be at most 20000 characters, was 20001");
    }

    private String refusal(String address) {
        try {
            channel.validateRecipient(Recipient.of("email", address));
        } catch (ReportsValidationException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + address);
    }
}
