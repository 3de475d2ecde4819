package dev.sipyard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialStatusTest {
    @Test
    void sipResponsesMapAsCallsMdSays() {
        assertThat(DialStatus.fromSip(200, false, false)).isEqualTo(DialStatus.COMPLETED);
        assertThat(DialStatus.fromSip(202, false, false)).isEqualTo(DialStatus.COMPLETED);
        assertThat(DialStatus.fromSip(486, false, false)).isEqualTo(DialStatus.BUSY);
        assertThat(DialStatus.fromSip(600, false, false)).isEqualTo(DialStatus.BUSY);
        assertThat(DialStatus.fromSip(408, false, false)).isEqualTo(DialStatus.NO_ANSWER);
        assertThat(DialStatus.fromSip(480, false, false)).isEqualTo(DialStatus.NO_ANSWER);
        assertThat(DialStatus.fromSip(404, false, false)).isEqualTo(DialStatus.FAILED);
        assertThat(DialStatus.fromSip(503, false, false)).isEqualTo(DialStatus.FAILED);
        assertThat(DialStatus.fromSip(603, false, false)).isEqualTo(DialStatus.FAILED);
        assertThat(DialStatus.fromSip(null, false, false)).isEqualTo(DialStatus.FAILED);
    }

    @Test
    void aRingTimeoutIsNoAnswerAndACallerCancelWinsOverEverything() {
        assertThat(DialStatus.fromSip(487, true, false)).isEqualTo(DialStatus.NO_ANSWER);
        assertThat(DialStatus.fromSip(null, true, false)).isEqualTo(DialStatus.NO_ANSWER);
        assertThat(DialStatus.fromSip(487, true, true)).isEqualTo(DialStatus.CANCELED);
        assertThat(DialStatus.fromSip(200, false, true)).isEqualTo(DialStatus.CANCELED);
    }

    @Test
    void wireNamesAreCxmlDialCallStatusValues() {
        assertThat(DialStatus.NO_ANSWER.wireName()).isEqualTo("no-answer");
        assertThat(DialStatus.CANCELED.wireName()).isEqualTo("canceled");
        assertThat(DialStatus.COMPLETED.wireName()).isEqualTo("completed");
        assertThat(DialStatus.BUSY.wireName()).isEqualTo("busy");
        assertThat(DialStatus.FAILED.wireName()).isEqualTo("failed");
    }
}
