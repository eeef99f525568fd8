package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.Recipient;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Found by {@link BuilderFuzzTest}: a null recipient in a list was taken and only failed later, in build(). */
class ScheduleRequestBuilderTest {

    @Test
    void aNullRecipientInTheListIsRefusedWhereItIsGivenNamingItsIndex() {
        ScheduleRequest.Builder builder = ScheduleRequest.builder()
                .name("n")
                .reportType("sales")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                .recipient("email", "a@example.com");
        List<Recipient> withNull = Arrays.asList(Recipient.of("email", "b@example.com"), null);

        assertThatThrownBy(() -> builder.recipients(withNull))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("recipients[1]");
        assertThat(builder.build().recipients())
                .as("the refused list changed nothing")
                .extracting(Recipient::destination)
                .containsExactly("a@example.com");
    }
}
