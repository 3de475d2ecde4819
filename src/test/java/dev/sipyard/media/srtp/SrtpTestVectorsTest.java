package dev.sipyard.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.rtp.Rtcp;
import dev.sipyard.media.rtp.RtpPacket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RFC 3711 Appendix B and RFC 6188 section 7 test vectors, checked on the reference rendering of RFC 3711; then
 * jitsi-srtp (through {@link SrtpContext}) must produce exactly what that reference produces.
 */
class SrtpTestVectorsTest {
    private static final byte[] B3_MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");
    private static final byte[] RFC6188_MASTER_KEY =
            hex("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6");
    private static final byte[] RFC6188_MASTER_SALT = hex("3b04803de51ee7c96423ab5b78d2");

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] block(byte[] stream, int index) {
        return Arrays.copyOfRange(stream, 16 * index, 16 * index + 16);
    }

    @Test
    void rfc3711AppendixB2AesCmKeystream() {
        byte[] sessionKey = hex("2B7E151628AED2A6ABF7158809CF4F3C");
        byte[] sessionSalt = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
        byte[] counter = ReferenceSrtp.counter(sessionSalt, 0, 0);
        assertThat(counter).isEqualTo(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"));
        byte[] stream = ReferenceSrtp.keystream(sessionKey, counter, 16 * 0xFF02);
        assertThat(block(stream, 0)).isEqualTo(hex("E03EAD0935C95E80E166B16DD92B4EB4"));
        assertThat(block(stream, 1)).isEqualTo(hex("D23513162B02D0F72A43A2FE4A5F97AB"));
        assertThat(block(stream, 2)).isEqualTo(hex("41E95B3BB0A2E8DD477901E4FCA894C0"));
        assertThat(block(stream, 0xFEFF)).isEqualTo(hex("EC8CDF7398607CB0F2D21675EA9EA1E4"));
        assertThat(block(stream, 0xFF00)).isEqualTo(hex("362B7C3C6773516318A077D7FC5073AE"));
        assertThat(block(stream, 0xFF01)).isEqualTo(hex("6A2CC3787889374FBEB4C81B17BA6C44"));
    }

    @Test
    void rfc6188Section71Aes256CmKeystream() {
        byte[] sessionKey = hex("57f82fe3613fd170a85ec93c40b1f0922ec4cb0dc025b58272147cc438944a98");
        byte[] counter = ReferenceSrtp.counter(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"), 0, 0);
        byte[] stream = ReferenceSrtp.keystream(sessionKey, counter, 48);
        assertThat(stream).isEqualTo(hex("92bdd28a93c3f52511c677d08b5515a4 9da71b2378a854f67050756ded165bac"
                + "63c4868b7096d88421b563b8c94c9a31"));
    }

    @Test
    void rfc3711AppendixB3KeyDerivation() {
        assertThat(ReferenceSrtp.derive(B3_MASTER_KEY, B3_MASTER_SALT, ReferenceSrtp.RTP_ENCRYPTION, 16))
                .isEqualTo(hex("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(ReferenceSrtp.derive(B3_MASTER_KEY, B3_MASTER_SALT, ReferenceSrtp.RTP_SALT, 14))
                .isEqualTo(hex("30CBBC08863D8C85D49DB34A9AE1"));
        assertThat(ReferenceSrtp.derive(B3_MASTER_KEY, B3_MASTER_SALT, ReferenceSrtp.RTP_AUTH, 94))
                .isEqualTo(hex("CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                        + "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25"
                        + "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2"));
    }

    @Test
    void rfc6188Section72Aes256KeyDerivation() {
        assertThat(ReferenceSrtp.derive(RFC6188_MASTER_KEY, RFC6188_MASTER_SALT, ReferenceSrtp.RTP_ENCRYPTION, 32))
                .isEqualTo(hex("5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4"));
        assertThat(ReferenceSrtp.derive(RFC6188_MASTER_KEY, RFC6188_MASTER_SALT, ReferenceSrtp.RTP_SALT, 14))
                .isEqualTo(hex("fa31791685ca444a9e07c6c64e93"));
        assertThat(ReferenceSrtp.derive(RFC6188_MASTER_KEY, RFC6188_MASTER_SALT, ReferenceSrtp.RTP_AUTH, 20))
                .isEqualTo(hex("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05"));
    }

    @Test
    void jitsiProtectsRtpExactlyAsTheReferenceForEverySupportedSuite() {
        check("AES_CM_128_HMAC_SHA1_80", B3_MASTER_KEY, B3_MASTER_SALT, 10);
        check("AES_CM_128_HMAC_SHA1_32", B3_MASTER_KEY, B3_MASTER_SALT, 4);
        check("AES_256_CM_HMAC_SHA1_80", RFC6188_MASTER_KEY, RFC6188_MASTER_SALT, 10);
        check("AES_256_CM_HMAC_SHA1_32", RFC6188_MASTER_KEY, RFC6188_MASTER_SALT, 4);
    }

    private static void check(String suite, byte[] masterKey, byte[] masterSalt, int tagLength) {
        byte[] keySalt = ByteBuffer.allocate(masterKey.length + 14).put(masterKey).put(masterSalt).array();
        SdesCrypto crypto = new SdesCrypto(1, suite, keySalt);
        SrtpContext context = SrtpContext.of(crypto, crypto);
        // across the sequence number wrap, where the rollover counter becomes 1
        for (int i = 0; i < 6; i++) {
            int sequence = (65533 + i) & 0xFFFF;
            long roc = 65533 + i > 65535 ? 1 : 0;
            byte[] payload = new byte[160];
            Arrays.fill(payload, (byte) (0x55 + i));
            byte[] rtp = new RtpPacket(0, i == 0, sequence, 160L * i, 0xCAFEBABEL, payload).toBytes();
            byte[] expected = ReferenceSrtp.protectRtp(masterKey, masterSalt, rtp, roc, tagLength);
            assertThat(context.protectRtp(rtp, 0, rtp.length)).as("%s, sequence %d", suite, sequence)
                    .isEqualTo(expected);
        }
        byte[] rtcp = Rtcp.senderReport(0xCAFEBABEL, 1_700_000_000_000L, 12345, 6, 960, "sipyard");
        byte[] srtcp = context.protectRtcp(rtcp, 0, rtcp.length);
        int index = ByteBuffer.wrap(srtcp).getInt(rtcp.length) & 0x7FFF_FFFF;
        assertThat(srtcp).as("%s SRTCP", suite)
                .isEqualTo(ReferenceSrtp.protectRtcp(masterKey, masterSalt, rtcp, index, 10));
    }
}
