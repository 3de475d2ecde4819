package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.calllog.CallEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dates of the Compatibility API in RFC 2822 as Twilio writes them, and event details as JSON objects. */
class CallJsonTest {

    @Test
    void rfc2822WithTwoDigitDaysAndANumericZone() {
        assertThat(CallJson.rfc2822(Instant.parse("2026-12-02T17:00:00Z").toEpochMilli()))
                .isEqualTo("Wed, 02 Dec 2026 17:00:00 +0000");
        assertThat(CallJson.rfc2822(Instant.parse("2027-01-10T03:04:05.999Z").toEpochMilli()))
                .isEqualTo("Sun, 10 Jan 2027 03:04:05 +0000");
        assertThat(CallJson.rfc2822(null)).isNull();
    }

    @Test
    void eventDetailIsAlwaysAnObject() {
        assertThat(CallJson.event(new CallEvent("e", "c", 0, "k", "{\"a\":1}")).get("detail")).isEqualTo(Map.of("a", 1));
        assertThat(CallJson.event(new CallEvent("e", "c", 0, "k", "[1,2]")).get("detail"))
                .isEqualTo(Map.of("text", "[1,2]"));
        assertThat(CallJson.event(new CallEvent("e", "c", 0, "k", "{broken")).get("detail"))
                .isEqualTo(Map.of("text", "{broken"));
        assertThat(CallJson.event(new CallEvent("e", "c", 1, "k", "{}")).get("at")).isEqualTo("1970-01-01T00:00:00.001Z");
    }
}
