package dev.sipyard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TelephoneEventTest {
    @Test
    void parsesTheFourBytesOfRfc4733() {
        // event 5, E set, R set (ignored), volume 10, duration 800
        assertThat(TelephoneEvent.parse(new byte[] {5, (byte) 0xCA, 0x03, 0x20}))
                .isEqualTo(new TelephoneEvent(5, true, 10, 800));
        assertThat(TelephoneEvent.parse(new byte[] {11, 0x3F, (byte) 0xFF, (byte) 0xFF, 99}))
                .isEqualTo(new TelephoneEvent(11, false, 63, 65535));
    }

    @Test
    void serialisesWithTheReservedBitClear() {
        assertThat(new TelephoneEvent(5, true, 10, 800).toBytes()).containsExactly(5, 0x8A, 0x03, 0x20);
        assertThat(new TelephoneEvent(255, false, 0, 0).toBytes()).containsExactly(0xFF, 0, 0, 0);
        TelephoneEvent e = new TelephoneEvent(15, true, 63, 65535);
        assertThat(TelephoneEvent.parse(e.toBytes())).isEqualTo(e);
    }

    @Test
    void shortPayloadsAreNullAndFieldsAreChecked() {
        assertThat(TelephoneEvent.parse(new byte[3])).isNull();
        assertThat(TelephoneEvent.parse(null)).isNull();
        assertThatThrownBy(() -> new TelephoneEvent(0, false, 64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(256, false, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(0, false, 0, 65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapsTheSixteenDtmfEvents() {
        String keys = "0123456789*#ABCD";
        for (int event = 0; event < 16; event++) {
            assertThat(TelephoneEvent.digit(event)).isEqualTo(keys.charAt(event));
            assertThat(TelephoneEvent.event(keys.charAt(event))).isEqualTo(event);
        }
        assertThat(TelephoneEvent.event('d')).isEqualTo(15);
        assertThat(TelephoneEvent.digit(16)).isEqualTo((char) 0);
        assertThat(TelephoneEvent.digit(-1)).isEqualTo((char) 0);
        assertThat(TelephoneEvent.event('w')).isEqualTo(-1);
        assertThat(TelephoneEvent.event('E')).isEqualTo(-1);
    }
}
