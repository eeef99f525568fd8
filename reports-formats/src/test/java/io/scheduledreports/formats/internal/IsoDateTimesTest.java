package io.scheduledreports.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoDateTimesTest {

    @Test
    void printsExactlyWhatTheIsoOffsetFormatterPrints() {
        List<ZoneId> zones = List.of(
                ZoneId.of("UTC"),
                ZoneId.of("Europe/Berlin"),
                ZoneId.of("Asia/Kolkata"),
                ZoneId.of("America/St_Johns"),
                ZoneId.of("Europe/Amsterdam"), // +00:19:32 before 1937: an offset with seconds
                ZoneId.of("Pacific/Kiritimati"));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(
                    Instant.parse("-0999-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            ZonedDateTime t = Instant.ofEpochSecond(seconds, nanos).atZone(zones.get(i % zones.size()));

            assertThat(CellText.IsoDateTimes.format(t))
                    .as("%s", t)
                    .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
        }
    }
}
