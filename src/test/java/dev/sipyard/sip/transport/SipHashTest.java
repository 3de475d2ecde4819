package dev.sipyard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipHashTest {
    /** The reference key of the SipHash paper: bytes 00 to 0f, read as two little-endian words. */
    private static final SipHash REFERENCE = new SipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

    @Test
    void matchesTheReferenceVectors() {
        assertThat(REFERENCE.hash(new byte[0])).isEqualTo(0x726fdb47dd0e0e31L);
        byte[] fifteen = new byte[15];
        for (int i = 0; i < fifteen.length; i++) {
            fifteen[i] = (byte) i;
        }
        assertThat(REFERENCE.hash(fifteen)).isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void aTransactionIsHashedAsItsStringsWithTheirLengthsThenItsNumber() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String s : new String[] {"z9hG4bK-1", "10.0.0.1:5060", "call\u00e9\u4e2d"}) {
            expected.writeBytes(s.getBytes(StandardCharsets.UTF_16LE));
            expected.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(s.length()).array());
        }
        expected.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(42).array());
        assertThat(REFERENCE.hash("z9hG4bK-1", "10.0.0.1:5060", "call\u00e9\u4e2d", 42))
                .isEqualTo(REFERENCE.hash(expected.toByteArray()));
    }

    @Test
    void movingCharactersBetweenPartsOrChangingTheKeyChangesTheHash() {
        long h = REFERENCE.hash("ab", "c", "d", 1);
        assertThat(REFERENCE.hash("a", "bc", "d", 1)).isNotEqualTo(h);
        assertThat(REFERENCE.hash("ab", "c", null, 1)).isNotEqualTo(REFERENCE.hash("ab", "c", "", 1));
        assertThat(new SipHash(1, 2).hash("ab", "c", "d", 1)).isNotEqualTo(h);
    }
}
