package dev.sipyard.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallTimesTest {

    @Test
    void rfc2822WithATwoDigitDayAndANumericZone() {
        assertThat(CallTimes.rfc2822(Instant.parse("2026-12-02T17:00:00Z").toEpochMilli()))
                .isEqualTo("Wed, 02 Dec 2026 17:00:00 +0000");
        assertThat(CallTimes.rfc2822(Instant.parse("2027-01-31T08:09:05.999Z").toEpochMilli()))
                .isEqualTo("Sun, 31 Jan 2027 08:09:05 +0000");
    }
}
