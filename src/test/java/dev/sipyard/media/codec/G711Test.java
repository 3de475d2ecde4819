package dev.sipyard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {
    @Test
    void muLawMatchesKnownTableValues() {
        assertThat(G711.ulaw((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.ulaw((short) -1)).isEqualTo((byte) 0x7F);
        assertThat(G711.ulaw(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(G711.ulaw(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
        assertThat(G711.fromUlaw((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.fromUlaw((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.fromUlaw((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.fromUlaw((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(G711.fromUlaw((byte) 0xFE)).isEqualTo((short) 8);
        assertThat(G711.fromUlaw((byte) 0x7E)).isEqualTo((short) -8);
        assertThat(G711.fromUlaw((byte) 0xEF)).isEqualTo((short) 132); // first step of segment 1
        assertThat(G711.fromUlaw((byte) 0x01)).isEqualTo((short) -31100);
    }

    @Test
    void aLawMatchesKnownTableValues() {
        assertThat(G711.alaw((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(G711.alaw((short) -1)).isEqualTo((byte) 0x55);
        assertThat(G711.alaw(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
        assertThat(G711.alaw(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
        assertThat(G711.fromAlaw((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.fromAlaw((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.fromAlaw((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.fromAlaw((byte) 0x2A)).isEqualTo((short) -32256);
        assertThat(G711.fromAlaw((byte) 0xD4)).isEqualTo((short) 24);
        assertThat(G711.fromAlaw((byte) 0xC5)).isEqualTo((short) 264); // segment 1 starts at 256
    }

    @Test
    void everyCodeDecodesToAValueThatEncodesBackToIt() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            byte expectedUlaw = code == 0x7F ? (byte) 0xFF : b; // mu-law has a negative zero that encodes as +0
            assertThat(G711.ulaw(G711.fromUlaw(b))).as("mu-law code %02x", code).isEqualTo(expectedUlaw);
            assertThat(G711.alaw(G711.fromAlaw(b))).as("A-law code %02x", code).isEqualTo(b);
        }
    }

    @Test
    void roundTripErrorStaysWithinHalfAStepAcrossTheWholeRange() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            short pcm = (short) x;
            int magnitude = Math.abs(x);
            // mu-law: steps are 1/16 of a segment that starts at a power of two once biased by 132; clipped at 32635
            int ulawError = Math.abs(G711.fromUlaw(G711.ulaw(pcm)) - x);
            int ulawBound = magnitude > 32635 ? magnitude - 32124 : (magnitude + 132) / 32 + 1;
            assertThat(ulawError).as("mu-law error at %d", x).isLessThanOrEqualTo(ulawBound);
            // A-law: steps of 16 below 512, then 1/16 of the segment
            int alawError = Math.abs(G711.fromAlaw(G711.alaw(pcm)) - x);
            int alawBound = Math.max(9, magnitude / 32 + 1);
            assertThat(alawError).as("A-law error at %d", x).isLessThanOrEqualTo(alawBound);
        }
    }

    @Test
    void decodingIsMonotonicInTheSample() {
        int previousU = Integer.MIN_VALUE;
        int previousA = Integer.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x += 7) {
            int u = G711.fromUlaw(G711.ulaw((short) x));
            int a = G711.fromAlaw(G711.alaw((short) x));
            assertThat(u).isGreaterThanOrEqualTo(previousU);
            assertThat(a).isGreaterThanOrEqualTo(previousA);
            previousU = u;
            previousA = a;
        }
    }
}
