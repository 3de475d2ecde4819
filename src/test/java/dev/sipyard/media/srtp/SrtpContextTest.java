package dev.sipyard.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.media.rtp.Rtcp;
import dev.sipyard.media.rtp.RtpPacket;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SrtpContextTest {
    private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";

    /** Alice's and Bob's contexts for one call: each sends with its own key and receives with the other's. */
    private record Call(SrtpContext alice, SrtpContext bob) {
        static Call of(SdesCrypto aliceKey, SdesCrypto bobKey) {
            return new Call(SrtpContext.of(aliceKey, bobKey), SrtpContext.of(bobKey, aliceKey));
        }

        static Call of(String suite) {
            return of(SdesCrypto.generate(1, suite), SdesCrypto.generate(1, suite));
        }
    }

    private static byte[] rtp(int sequence) {
        byte[] payload = new byte[160];
        Arrays.fill(payload, (byte) sequence);
        return new RtpPacket(0, false, sequence, 160L * sequence, 0x1234_5678L, payload).toBytes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
        "AES_256_CM_HMAC_SHA1_32"})
    void rtpAndRtcpRoundTripWithEverySupportedSuite(String suite) {
        Call call = Call.of(suite);
        int tag = suite.endsWith("_80") ? 10 : 4;
        for (int sequence = 1; sequence <= 5; sequence++) {
            byte[] plain = rtp(sequence);
            byte[] srtp = call.alice().protectRtp(plain, 0, plain.length);
            assertThat(srtp).hasSize(plain.length + tag);
            assertThat(Arrays.copyOfRange(srtp, 12, plain.length)).isNotEqualTo(Arrays.copyOfRange(plain, 12, plain.length));
            assertThat(call.bob().unprotectRtp(srtp, 0, srtp.length)).isEqualTo(plain);
        }
        byte[] report = Rtcp.senderReport(0x1234_5678L, 1_700_000_000_000L, 800, 5, 800, "alice");
        byte[] srtcp = call.alice().protectRtcp(report, 0, report.length);
        assertThat(srtcp).hasSize(report.length + 4 + 10); // SRTCP always has a 10-byte tag with these suites
        assertThat(call.bob().unprotectRtcp(srtcp, 0, srtcp.length)).isEqualTo(report);
        // and the other way
        byte[] back = rtp(9);
        byte[] protectedBack = call.bob().protectRtp(back, 0, back.length);
        assertThat(call.alice().unprotectRtp(protectedBack, 0, protectedBack.length)).isEqualTo(back);
    }

    @Test
    void worksWithinLargerBuffers() {
        Call call = Call.of(SUITE);
        byte[] plain = rtp(3);
        byte[] framed = new byte[plain.length + 20];
        System.arraycopy(plain, 0, framed, 7, plain.length);
        byte[] srtp = call.alice().protectRtp(framed, 7, plain.length);
        byte[] framedSrtp = new byte[srtp.length + 9];
        System.arraycopy(srtp, 0, framedSrtp, 5, srtp.length);
        assertThat(call.bob().unprotectRtp(framedSrtp, 5, srtp.length)).isEqualTo(plain);
    }

    @Test
    void anyTamperedByteFailsAuthentication() {
        Call call = Call.of(SUITE);
        byte[] plain = rtp(1);
        byte[] srtp = call.alice().protectRtp(plain, 0, plain.length);
        for (int at : new int[] {1, 3, 7, 11, 12, 100, srtp.length - 11, srtp.length - 1}) {
            byte[] tampered = srtp.clone();
            tampered[at] ^= 0x01;
            assertThat(call.bob().unprotectRtp(tampered, 0, tampered.length)).as("byte %d flipped", at).isNull();
        }
        assertThat(call.bob().unprotectRtp(srtp, 0, srtp.length - 1)).as("cut tag").isNull();
        assertThat(call.bob().unprotectRtp(srtp, 0, srtp.length)).as("the genuine packet still passes").isEqualTo(plain);
    }

    @Test
    void aReplayedPacketIsRefusedButReorderingWithinTheWindowIsNot() {
        Call call = Call.of(SUITE);
        byte[][] sent = new byte[10][];
        for (int i = 0; i < sent.length; i++) {
            byte[] plain = rtp(100 + i);
            sent[i] = call.alice().protectRtp(plain, 0, plain.length);
        }
        assertThat(call.bob().unprotectRtp(sent[0], 0, sent[0].length)).isNotNull();
        assertThat(call.bob().unprotectRtp(sent[5], 0, sent[5].length)).isNotNull();
        assertThat(call.bob().unprotectRtp(sent[3], 0, sent[3].length)).as("late but new").isNotNull();
        assertThat(call.bob().unprotectRtp(sent[5], 0, sent[5].length)).as("replay").isNull();
        assertThat(call.bob().unprotectRtp(sent[3], 0, sent[3].length)).as("replay of the late one").isNull();
        assertThat(call.bob().unprotectRtp(sent[9], 0, sent[9].length)).isNotNull();
    }

    @Test
    void aReplayedRtcpPacketIsRefused() {
        Call call = Call.of(SUITE);
        byte[] report = Rtcp.senderReport(7, 0, 0, 0, 0);
        byte[] first = call.alice().protectRtcp(report, 0, report.length);
        byte[] second = call.alice().protectRtcp(report, 0, report.length);
        assertThat(first).isNotEqualTo(second); // a new SRTCP index each time
        assertThat(call.bob().unprotectRtcp(first, 0, first.length)).isEqualTo(report);
        assertThat(call.bob().unprotectRtcp(second, 0, second.length)).isEqualTo(report);
        assertThat(call.bob().unprotectRtcp(first, 0, first.length)).isNull();
        byte[] tampered = second.clone();
        tampered[10] ^= 0x40;
        assertThat(call.bob().unprotectRtcp(tampered, 0, tampered.length)).isNull();
    }

    @Test
    void protectingTheSameSequenceNumberTwiceIsRefusedSoKeystreamIsNeverReused() {
        Call call = Call.of(SUITE);
        byte[] plain = rtp(42);
        assertThat(call.alice().protectRtp(plain, 0, plain.length)).isNotNull();
        assertThat(call.alice().protectRtp(plain, 0, plain.length)).isNull();
    }

    @Test
    void theSequenceNumberMayWrap() {
        Call call = Call.of(SUITE);
        for (int i = 0; i < 20; i++) {
            byte[] plain = rtp((65530 + i) & 0xFFFF);
            byte[] srtp = call.alice().protectRtp(plain, 0, plain.length);
            assertThat(call.bob().unprotectRtp(srtp, 0, srtp.length)).as("packet %d", i).isEqualTo(plain);
        }
    }

    @Test
    void aPacketUnderAnotherKeyIsRefused() {
        Call call = Call.of(SUITE);
        Call other = Call.of(SUITE);
        byte[] plain = rtp(1);
        byte[] srtp = other.alice().protectRtp(plain, 0, plain.length);
        assertThat(call.bob().unprotectRtp(srtp, 0, srtp.length)).isNull();
    }

    @Test
    void packetsCarryTheSendersMkiAndAForeignMkiIsRefused() {
        byte[] keySalt = SdesCrypto.generate(1, SUITE).keySalt();
        SdesCrypto aliceKey = new SdesCrypto(1, SUITE, keySalt, new byte[] {0, 0, 0, 1});
        SdesCrypto bobKey = SdesCrypto.generate(1, SUITE);
        Call call = Call.of(aliceKey, bobKey);
        byte[] plain = rtp(1);
        byte[] srtp = call.alice().protectRtp(plain, 0, plain.length);
        assertThat(srtp).hasSize(plain.length + 4 + 10);
        assertThat(Arrays.copyOfRange(srtp, plain.length, plain.length + 4)).containsExactly(0, 0, 0, 1);
        assertThat(call.bob().unprotectRtp(srtp, 0, srtp.length)).isEqualTo(plain);
        byte[] report = Rtcp.senderReport(5, 0, 0, 0, 0);
        byte[] srtcp = call.alice().protectRtcp(report, 0, report.length);
        assertThat(call.bob().unprotectRtcp(srtcp, 0, srtcp.length)).isEqualTo(report);

        byte[] plain2 = rtp(2);
        byte[] otherMki = call.alice().protectRtp(plain2, 0, plain2.length);
        otherMki[plain2.length + 3] = 2;
        assertThat(call.bob().unprotectRtp(otherMki, 0, otherMki.length)).isNull();
    }

    @Test
    void refusesUnsupportedOrMissingAttributes() {
        SdesCrypto good = SdesCrypto.generate(1, SUITE);
        assertThatThrownBy(() -> SrtpContext.of(good, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtpContext.of(null, good)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonsenseInputIsNullNeverAnException() {
        Call call = Call.of(SUITE);
        SrtpContext bob = call.bob();
        assertThat(bob.unprotectRtp(null, 0, 0)).isNull();
        assertThat(bob.unprotectRtp(new byte[10], 0, 10)).isNull();
        assertThat(bob.unprotectRtp(new byte[40], 30, 20)).isNull();
        assertThat(bob.protectRtp(new byte[5], 0, 5)).isNull();
        assertThat(bob.protectRtp(new byte[40], 0, 40)).as("version 0").isNull();
        assertThat(bob.protectRtcp(rtp(1), 0, 172)).as("RTP is not RTCP").isNull();
        assertThat(bob.unprotectRtcp(new byte[] {(byte) 0x80, (byte) 200, 0, 1, 0, 0, 0, 1}, 0, 8)).isNull();

        long seed = System.nanoTime();
        System.out.println("SrtpContextTest fuzz seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            if (garbage.length > 1 && random.nextBoolean()) {
                garbage[0] = (byte) (0x80 | (garbage[0] & 0x3F));
                garbage[1] = random.nextBoolean() ? (byte) (200 + random.nextInt(5)) : garbage[1];
            }
            assertThat(bob.unprotectRtp(garbage, 0, garbage.length)).as("seed %d case %d", seed, i).isNull();
            assertThat(bob.unprotectRtcp(garbage, 0, garbage.length)).as("seed %d case %d", seed, i).isNull();
        }
        byte[] plain = rtp(1);
        byte[] srtp = call.alice().protectRtp(plain, 0, plain.length);
        assertThat(bob.unprotectRtp(srtp, 0, srtp.length)).as("still works after the garbage").isEqualTo(plain);
    }
}
