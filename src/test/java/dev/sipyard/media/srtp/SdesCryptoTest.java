package dev.sipyard.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.common.Media;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SdesCryptoTest {
    /** The example of RFC 4568 section 9.1 (a 30-byte key and salt, lifetime 2^20, MKI 1 in 4 bytes). */
    private static final String RFC4568_EXAMPLE =
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4";

    @Test
    void parsesTheRfc4568Example() {
        SdesCrypto crypto = SdesCrypto.parse(RFC4568_EXAMPLE);
        assertThat(crypto.tag()).isEqualTo(1);
        assertThat(crypto.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(crypto.keySalt()).isEqualTo(Base64.getDecoder().decode("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"));
        assertThat(crypto.mki()).containsExactly(0, 0, 0, 1);
    }

    @Test
    void toleratesLifetimeAndMkiInEitherCombination() {
        String key = "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 " + key + "|2^31").mki()).isEmpty();
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 " + key + "|1048576").mki()).isEmpty();
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 " + key + "|1:32").mki()).hasSize(32);
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 " + key + "|2^20|258:2").mki()).containsExactly(1, 2);
        assertThat(SdesCrypto.parse("a=crypto:7 aes_cm_128_hmac_sha1_32 " + key + "  WSH=64 ").tag()).isEqualTo(7);
    }

    @Test
    void formatsWhatItParses() {
        SdesCrypto crypto = SdesCrypto.parse(RFC4568_EXAMPLE);
        assertThat(crypto.format()).isEqualTo(RFC4568_EXAMPLE.replace("|2^20", ""));
        assertThat(SdesCrypto.parse(crypto.format())).isEqualTo(crypto);
        SdesCrypto plain = new SdesCrypto(3, "AES_256_CM_HMAC_SHA1_80", new byte[46]);
        assertThat(plain.format()).isEqualTo("3 AES_256_CM_HMAC_SHA1_80 inline:" + "A".repeat(60) + "AA==");
        assertThat(SdesCrypto.parse(plain.format())).isEqualTo(plain);
    }

    @Test
    void acceptsBase64WithoutPadding() {
        String unpadded = "A".repeat(62);
        assertThat(SdesCrypto.parse("1 AES_256_CM_HMAC_SHA1_32 inline:" + unpadded).keySalt()).hasSize(46);
    }

    @Test
    void generatesFreshKeysOfEachSupportedSuitesLength() {
        assertThat(SdesCrypto.generate(1, "AES_CM_128_HMAC_SHA1_80").keySalt()).hasSize(30);
        assertThat(SdesCrypto.generate(1, "AES_CM_128_HMAC_SHA1_32").keySalt()).hasSize(30);
        assertThat(SdesCrypto.generate(1, "AES_256_CM_HMAC_SHA1_80").keySalt()).hasSize(46);
        assertThat(SdesCrypto.generate(1, "aes_256_cm_hmac_sha1_32").keySalt()).hasSize(46);
        assertThat(SdesCrypto.generate(1, "AES_CM_128_HMAC_SHA1_80"))
                .isNotEqualTo(SdesCrypto.generate(1, "AES_CM_128_HMAC_SHA1_80"));
        assertThat(SdesCrypto.generate(2, "AES_CM_128_HMAC_SHA1_80").mki()).isEmpty();
    }

    @Test
    void gcmWithAnEightByteTagIsKnownButNotSupported() {
        SdesCrypto gcm = SdesCrypto.parse("1 AEAD_AES_256_GCM_8 inline:" + Base64.getEncoder().encodeToString(new byte[44]));
        assertThat(gcm.keySalt()).hasSize(44);
        assertThat(SdesCrypto.supported("AEAD_AES_256_GCM_8")).isFalse();
        assertThatThrownBy(() -> SdesCrypto.generate(1, "AEAD_AES_256_GCM_8"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtpContext.of(gcm, gcm)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void supportsTheOtherFourCiphersSipyardNames() {
        assertThat(Media.CIPHERS.stream().filter(SdesCrypto::supported))
                .containsExactly("AES_256_CM_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32",
                        "AES_CM_128_HMAC_SHA1_32");
        assertThat(SdesCrypto.supported("F8_128_HMAC_SHA1_80")).isFalse();
        assertThat(SdesCrypto.supported(null)).isFalse();
    }

    @Test
    void refusesUnusableAttributesWithOneLineMessages() {
        String key30 = "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";
        String[] unusable = {
            "",
            "1 AES_CM_128_HMAC_SHA1_80",
            "x AES_CM_128_HMAC_SHA1_80 " + key30,
            "1234567890 AES_CM_128_HMAC_SHA1_80 " + key30,
            "1 F8_128_HMAC_SHA1_80 " + key30,
            "1 AES_256_CM_HMAC_SHA1_80 " + key30,
            "1 AES_CM_128_HMAC_SHA1_80 inline:not*base64",
            "1 AES_CM_128_HMAC_SHA1_80 uri:http://example.com/key",
            "1 AES_CM_128_HMAC_SHA1_80 " + key30 + ";" + key30,
            "1 AES_CM_128_HMAC_SHA1_80 " + key30 + "|2^20|1:4|x",
            "1 AES_CM_128_HMAC_SHA1_80 " + key30 + "|forever",
            "1 AES_CM_128_HMAC_SHA1_80 " + key30 + "|1:0",
            "1 AES_CM_128_HMAC_SHA1_80 " + key30 + "|256:1",
            "1 AES_CM_128_HMAC_SHA1_80 " + key30 + " KDR=1",
            "1 AES_CM_128_HMAC_SHA1_80 " + key30 + " UNENCRYPTED_SRTP",
            "1 AES_CM_128_HMAC_SHA1_80 " + key30 + " UNAUTHENTICATED_SRTP",
        };
        for (String value : unusable) {
            assertThatThrownBy(() -> SdesCrypto.parse(value)).as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("\n")
                    .hasMessageNotContaining("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
        }
        assertThatThrownBy(() -> SdesCrypto.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionalSessionParametersAreIgnored() {
        String value = "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR -FOO=1 FEC_ORDER=SRTP_FEC";
        assertThat(SdesCrypto.parse(value).tag()).isEqualTo(1);
    }

    @Test
    void theConstructorChecksLengthsAndCopiesArrays() {
        assertThatThrownBy(() -> new SdesCrypto(1, "AES_CM_128_HMAC_SHA1_80", new byte[29]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SdesCrypto(-1, "AES_CM_128_HMAC_SHA1_80", new byte[30]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SdesCrypto(1, "NULL", new byte[30])).isInstanceOf(IllegalArgumentException.class);
        byte[] key = new byte[30];
        SdesCrypto crypto = new SdesCrypto(1, "aes_cm_128_hmac_sha1_80", key);
        key[0] = 1;
        crypto.keySalt()[1] = 1;
        assertThat(crypto.keySalt()).containsOnly(0);
        assertThat(crypto.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
    }

    @Test
    void toStringNeverShowsTheKey() {
        SdesCrypto crypto = SdesCrypto.parse(RFC4568_EXAMPLE);
        assertThat(crypto.toString()).contains("AES_CM_128_HMAC_SHA1_80")
                .doesNotContain("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR")
                .doesNotContain("3d2d6e40"); // the key's first bytes in hex
    }
}
