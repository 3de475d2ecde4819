package dev.sipyard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RtcpTest {
    @Test
    void recognisesRtcpPacketTypes200To204() {
        for (int type = 190; type < 215; type++) {
            byte[] packet = {(byte) 0x80, (byte) type, 0, 1, 0, 0, 0, 1};
            assertThat(Rtcp.isRtcp(packet, 0, 8)).as("type %d", type).isEqualTo(type >= 200 && type <= 204);
        }
    }

    @Test
    void rtpWithDynamicPayloadTypesIsNotRtcp() {
        RtpPacket rtp = new RtpPacket(111, true, 1, 2, 3, new byte[20]);
        assertThat(Rtcp.isRtcp(rtp.toBytes(), 0, 32)).isFalse();
        assertThat(Rtcp.isRtcp(new RtpPacket(0, true, 1, 2, 3, new byte[20]).toBytes(), 0, 32)).isFalse();
    }

    @Test
    void shortWrongVersionOrBadRangesAreNotRtcp() {
        byte[] sr = Rtcp.senderReport(1, 0, 0, 0, 0);
        assertThat(Rtcp.isRtcp(sr, 0, sr.length)).isTrue();
        assertThat(Rtcp.isRtcp(sr, 0, 7)).isFalse();
        assertThat(Rtcp.isRtcp(sr, 24, 8)).isFalse();
        assertThat(Rtcp.isRtcp(null, 0, 8)).isFalse();
        sr[0] = 0x40;
        assertThat(Rtcp.isRtcp(sr, 0, sr.length)).isFalse();
    }

    @Test
    void senderReportHasTheRfc3550Layout() {
        long millis = 1_700_000_000_250L; // 2023-11-14T22:13:20.250Z
        byte[] sr = Rtcp.senderReport(0x1234_5678L, millis, 0xFFFF_FFFFL, 10, (1L << 32) + 160);
        assertThat(sr).hasSize(28);
        ByteBuffer b = ByteBuffer.wrap(sr);
        assertThat(b.get() & 0xFF).as("V=2, P=0, RC=0").isEqualTo(0x80);
        assertThat(b.get() & 0xFF).as("PT=SR").isEqualTo(200);
        assertThat(b.getShort() & 0xFFFF).as("length in words minus one").isEqualTo(6);
        assertThat(b.getInt()).isEqualTo(0x1234_5678);
        assertThat(b.getInt() & 0xFFFF_FFFFL).as("NTP seconds").isEqualTo(1_700_000_000L + 2_208_988_800L);
        assertThat(b.getInt() & 0xFFFF_FFFFL).as("NTP fraction of 250 ms").isEqualTo(1L << 30);
        assertThat(b.getInt()).isEqualTo(-1);
        assertThat(b.getInt()).isEqualTo(10);
        assertThat(b.getInt()).as("octet count wraps").isEqualTo(160);
    }

    @Test
    void compoundReportAddsASourceDescriptionWithTheCname() {
        byte[] rtcp = Rtcp.senderReport(7, 0, 0, 0, 0, "sipyard@example");
        ByteBuffer b = ByteBuffer.wrap(rtcp);
        b.position(28);
        assertThat(b.get() & 0xFF).as("V=2, SC=1").isEqualTo(0x81);
        assertThat(b.get() & 0xFF).isEqualTo(202);
        int words = (b.getShort() & 0xFFFF) + 1;
        assertThat(rtcp.length).isEqualTo(28 + 4 * words);
        assertThat(b.getInt()).isEqualTo(7);
        assertThat(b.get()).as("CNAME item").isEqualTo((byte) 1);
        int length = b.get();
        byte[] name = new byte[length];
        b.get(name);
        assertThat(new String(name, StandardCharsets.UTF_8)).isEqualTo("sipyard@example");
        assertThat(b.remaining()).as("null terminator and padding").isBetween(1, 4);
        while (b.hasRemaining()) {
            assertThat(b.get()).isZero();
        }
    }
}
