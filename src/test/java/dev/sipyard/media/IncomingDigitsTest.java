package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.rtp.TelephoneEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncomingDigitsTest {
    private final IncomingDigits digits = new IncomingDigits();
    private final List<Character> reported = new ArrayList<>();

    private void packet(long ssrc, long timestamp, boolean marker, int event, boolean end, int duration) {
        char d = digits.onPacket(ssrc, timestamp, marker, new TelephoneEvent(event, end, 10, duration));
        if (d != 0) {
            reported.add(d);
        }
    }

    private void event(long timestamp, int code) {
        packet(1, timestamp, true, code, false, 160);
        packet(1, timestamp, false, code, false, 320);
        for (int i = 0; i < 3; i++) {
            packet(1, timestamp, false, code, true, 480);
        }
    }

    @Test
    void oneDigitPerEventWhateverItsRetransmissions() {
        event(1000, 1);
        event(2000, 1);
        event(3000, 11);

        assertThat(reported).containsExactly('1', '1', '#');
    }

    @Test
    void anEventSeenOnlyByItsEndPacketsIsReportedOnce() {
        packet(1, 1000, false, 5, true, 800);
        packet(1, 1000, false, 5, true, 800);

        assertThat(reported).containsExactly('5');
    }

    @Test
    void lateEndPacketsOfAnOlderEventAreIgnored() {
        event(1000, 2);
        packet(1, 2000, true, 3, false, 160);
        packet(1, 1000, false, 2, true, 480); // reordered retransmission of the first event

        assertThat(reported).containsExactly('2', '3');
    }

    @Test
    void aLongEventSplitIntoSegmentsIsOneDigit() {
        packet(1, 1000, true, 4, false, 65_535);
        packet(1, 1000 + 65_535, false, 4, false, 1000); // the next segment: new timestamp, no marker
        packet(1, 1000 + 65_535, false, 4, true, 2000);

        assertThat(reported).containsExactly('4');
    }

    @Test
    void timestampsWrapAndANewSourceStartsAfresh() {
        event(0xFFFF_FF00L, 7);
        event(0x0000_0100L, 8);
        packet(2, 50, true, 9, false, 160);

        assertThat(reported).containsExactly('7', '8', '9');
    }

    @Test
    void aSenderThatRestartsItsTimestampsStillGetsItsDigitsThrough() {
        event(10_000_000, 1);
        event(5_000, 2);
        event(6_000, 3);

        assertThat(reported).containsExactly('1', '2', '3');
    }

    @Test
    void eventsThatAreNotDtmfAreNotDigits() {
        packet(1, 1000, true, 16, false, 160); // flash

        assertThat(reported).isEmpty();
    }
}
