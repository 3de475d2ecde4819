package dev.sipyard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void parsesTheFixedHeader() {
        byte[] wire = hex("80 e0 1234 0000abcd deadbeef 0102 03");
        RtpPacket p = RtpPacket.parse(wire, 0, wire.length);
        assertThat(p).isEqualTo(new RtpPacket(96, true, 0x1234, 0xabcd, 0xdeadbeefL, new byte[] {1, 2, 3}));
    }

    @Test
    void serialisesToTheSameBytes() {
        RtpPacket p = new RtpPacket(0, false, 65535, 0xFFFF_FFFFL, 0x8000_0001L, new byte[] {9, 8});
        assertThat(p.toBytes()).isEqualTo(hex("8000 ffff ffffffff 80000001 0908"));
        byte[] buf = new byte[20];
        assertThat(p.writeTo(buf, 3)).isEqualTo(14);
        assertThat(RtpPacket.parse(buf, 3, 14)).isEqualTo(p);
        assertThatThrownBy(() -> p.writeTo(new byte[13], 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void countersWrapInsteadOfOverflowing() {
        RtpPacket p = new RtpPacket(8, false, 65536 + 5, (1L << 32) + 7, -1, new byte[0]);
        assertThat(p.sequence()).isEqualTo(5);
        assertThat(p.timestamp()).isEqualTo(7);
        assertThat(p.ssrc()).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> new RtpPacket(128, false, 0, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skipsCsrcsExtensionAndPadding() {
        // CC=2, X, P: two CSRCs, a one-word extension, payload aabb, three octets of padding
        byte[] wire = hex("b2 08 0001 00000002 00000003 11111111 22222222 bede0001 01020304 aabb 000003");
        RtpPacket p = RtpPacket.parse(wire, 0, wire.length);
        assertThat(p).isNotNull();
        assertThat(p.payloadType()).isEqualTo(8);
        assertThat(p.payload()).containsExactly(0xaa, 0xbb);
        assertThat(p.ssrc()).isEqualTo(3);
    }

    @Test
    void parsesWithinALargerBuffer() {
        byte[] wire = hex("ffff 8000 0007 00000001 00000002 55 ffff");
        RtpPacket p = RtpPacket.parse(wire, 2, 13);
        assertThat(p).isEqualTo(new RtpPacket(0, false, 7, 1, 2, new byte[] {0x55}));
    }

    @Test
    void malformedPacketsAreNull() {
        assertThat(RtpPacket.parse(hex("8000000700000001000000"), 0, 11)).as("short").isNull();
        assertThat(RtpPacket.parse(hex("4000000700000001000000020102"), 0, 14)).as("version 1").isNull();
        assertThat(RtpPacket.parse(hex("8100000700000001000000020102"), 0, 14)).as("CSRC past the end").isNull();
        assertThat(RtpPacket.parse(hex("900000070000000100000002bede"), 0, 14)).as("extension header cut").isNull();
        assertThat(RtpPacket.parse(hex("900000070000000100000002bede000201020304"), 0, 20))
                .as("extension past the end").isNull();
        assertThat(RtpPacket.parse(hex("a00000070000000100000002010203ff"), 0, 16)).as("padding past the end")
                .isNull();
        assertThat(RtpPacket.parse(hex("a0000007000000010000000201020300"), 0, 16)).as("zero padding count")
                .isNull();
        byte[] ok = hex("80000007000000010000000201");
        assertThat(RtpPacket.parse(ok, 0, ok.length)).isNotNull();
        assertThat(RtpPacket.parse(ok, 1, ok.length)).as("range past the buffer").isNull();
        assertThat(RtpPacket.parse(ok, -1, 5)).isNull();
        assertThat(RtpPacket.parse(null, 0, 0)).isNull();
    }

    @Test
    void paddingThatLeavesAnEmptyPayloadIsAccepted() {
        byte[] wire = hex("a0000007 00000001 00000002 00000004");
        RtpPacket p = RtpPacket.parse(wire, 0, 16);
        assertThat(p).isNotNull();
        assertThat(p.payload()).isEmpty();
    }

    @Test
    void randomBytesNeverThrowAndWhatParsesSurvivesARoundTrip() {
        long seed = System.nanoTime();
        System.out.println("RtpPacketTest fuzz seed " + seed);
        Random random = new Random(seed);
        int parsed = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] buf = new byte[random.nextInt(64)];
            random.nextBytes(buf);
            if (buf.length > 0 && random.nextBoolean()) {
                buf[0] = (byte) (0x80 | (buf[0] & 0x3F)); // version 2 half of the time, to reach the deeper checks
            }
            int offset = buf.length == 0 ? 0 : random.nextInt(buf.length + 1);
            int length = random.nextInt(buf.length + 2) - offset;
            RtpPacket p = RtpPacket.parse(buf, offset, length);
            if (p != null) {
                parsed++;
            }
            assertThat(p == null || RtpPacket.parse(p.toBytes(), 0, p.toBytes().length).equals(p))
                    .as("seed %d, case %d", seed, i).isTrue();
        }
        assertThat(parsed).as("seed %d: some random packets parse", seed).isGreaterThan(200);
    }

    @Test
    void mutatedAndTruncatedPacketsNeverThrow() {
        long seed = System.nanoTime();
        System.out.println("RtpPacketTest mutation seed " + seed);
        Random random = new Random(seed);
        byte[] valid = hex("b2 08 0001 00000002 00000003 11111111 22222222 bede0001 01020304 aabb 000003");
        for (int i = 0; i < 100_000; i++) {
            byte[] buf = valid.clone();
            for (int flips = random.nextInt(4); flips > 0; flips--) {
                buf[random.nextInt(buf.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(buf.length + 1);
            RtpPacket p = RtpPacket.parse(buf, 0, length);
            assertThat(p == null || p.payload().length <= length - RtpPacket.HEADER_LENGTH)
                    .as("seed %d, case %d", seed, i).isTrue();
        }
    }
}
