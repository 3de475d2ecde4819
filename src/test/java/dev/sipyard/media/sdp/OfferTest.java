package dev.sipyard.media.sdp;

import static dev.sipyard.media.sdp.SessionDescriptionTest.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.media.srtp.SdesCrypto;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offers for the calls we place (a B2BUA's outgoing leg) and reading their answers. */
class OfferTest {
    private static MediaPolicy policy(String encryption, String... codecs) {
        return MediaPolicy.of(List.of(codecs), encryption, List.of());
    }

    @Test
    void aPlainOfferListsTheServedCodecsInTheEndpointsOrder() {
        String sdp = OfferAnswer.offerSdp(policy("optional", "PCMU", "G722", "OPUS@48000H@20I", "PCMA"),
                "198.51.100.7", 30000, 99, null);

        assertThat(sdp).isEqualTo("""
                v=0\r
                o=sipyard 99 99 IN IP4 198.51.100.7\r
                s=sipyard\r
                c=IN IP4 198.51.100.7\r
                t=0 0\r
                m=audio 30000 RTP/AVP 0 96 8 101 102\r
                a=rtpmap:0 PCMU/8000\r
                a=rtpmap:96 opus/48000/2\r
                a=fmtp:96 useinbandfec=1\r
                a=rtpmap:8 PCMA/8000\r
                a=rtpmap:101 telephone-event/8000\r
                a=fmtp:101 0-15\r
                a=rtpmap:102 telephone-event/48000\r
                a=fmtp:102 0-15\r
                a=ptime:20\r
                a=sendrecv\r
                a=rtcp:30001\r
                """);
    }

    @Test
    void aG711OfferHasOnlyNarrowbandTelephoneEvents() {
        String sdp = OfferAnswer.offerSdp(policy("optional", "PCMA"), "198.51.100.7", 30000, 5, null);

        assertThat(sdp).contains("m=audio 30000 RTP/AVP 8 101\r\n").doesNotContain("48000");
    }

    @Test
    void anEncryptedOfferIsSavpWithOurKey() throws Exception {
        SdesCrypto key = SdesCrypto.generate(1, "AES_CM_128_HMAC_SHA1_80");

        String sdp = OfferAnswer.offerSdp(MediaPolicy.of(List.of(), "required", List.of()), "198.51.100.7", 30000, 5, key);

        assertThat(sdp).contains("m=audio 30000 RTP/SAVP 96 0 8 101 102\r\n").endsWith("a=crypto:" + key.format() + "\r\n");
        MediaDescription offered = SessionDescription.parse(sdp).media().get(0);
        assertThat(offered.cryptos()).singleElement().satisfies(c -> assertThat(c.keySalt()).isEqualTo(key.keySalt()));
    }

    @Test
    void anOfferNeedsACodecWeServe() {
        assertThatThrownBy(() -> OfferAnswer.offerSdp(policy("optional", "G722", "G729"), "198.51.100.7", 30000, 5, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ourOwnOfferAnsweredBySipyardNegotiatesTheSameOnBothSides() throws Exception {
        MediaPolicy caller = MediaPolicy.of(List.of("OPUS", "PCMU"), "required", List.of("AES_CM_128_HMAC_SHA1_80"));
        MediaPolicy callee = MediaPolicy.of(List.of("PCMU", "OPUS"), "optional", List.of());
        SdesCrypto callerKey = SdesCrypto.generate(1, "AES_CM_128_HMAC_SHA1_80");

        SessionDescription offer = SessionDescription.parse(
                OfferAnswer.offerSdp(caller, "10.0.0.1", 30000, 1, callerKey));
        Negotiation atCallee = OfferAnswer.answer(offer, callee);
        SessionDescription answer = SessionDescription.parse(
                OfferAnswer.answerSdp(offer, atCallee, "10.0.0.2", 40000, 2, 2));
        Negotiation atCaller = OfferAnswer.accept(answer, caller, callerKey);

        assertThat(atCallee.codec()).isEqualTo("PCMU");
        assertThat(atCaller.codec()).isEqualTo("PCMU");
        assertThat(atCaller.payloadType()).isZero();
        assertThat(atCallee.telephoneEventPt()).isEqualTo(101);
        assertThat(atCaller.telephoneEventPt()).isEqualTo(101);
        assertThat(atCallee.remoteRtp()).isEqualTo(new InetSocketAddress("10.0.0.1", 30000));
        assertThat(atCaller.remoteRtp()).isEqualTo(new InetSocketAddress("10.0.0.2", 40000));
        assertThat(atCallee.remoteCrypto().keySalt()).isEqualTo(callerKey.keySalt());
        assertThat(atCaller.localCrypto()).isSameAs(callerKey);
        assertThat(atCaller.remoteCrypto().keySalt()).isEqualTo(atCallee.localCrypto().keySalt());
        assertThat(atCaller.direction()).isEqualTo("sendrecv");
    }

    @Test
    void acceptTakesTheAnswersFirstCodecWeAllow() throws Exception {
        SessionDescription answer = SessionDescription.parse(body("c=IN IP4 10.0.0.2", "m=audio 4000 RTP/AVP 9 8 0 101",
                "a=rtpmap:101 telephone-event/8000", "a=recvonly"));

        Negotiation n = OfferAnswer.accept(answer, policy("optional", "PCMU", "PCMA"), null);

        assertThat(n.codec()).isEqualTo("PCMA");
        assertThat(n.telephoneEventPt()).isEqualTo(101);
        assertThat(n.direction()).isEqualTo("sendonly");
        assertThat(n.encrypted()).isFalse();
    }

    @Test
    void acceptRefusesARefusedStreamOrNoCommonCodec() {
        assertThatThrownBy(() -> OfferAnswer.accept(SessionDescription.parse(
                body("c=IN IP4 10.0.0.2", "m=audio 0 RTP/AVP 0")), policy("optional"), null))
                .isInstanceOf(NotAcceptable.class).hasMessage("the answer refused the audio stream");
        assertThatThrownBy(() -> OfferAnswer.accept(SessionDescription.parse(
                body("c=IN IP4 10.0.0.2", "m=audio 4000 RTP/AVP 9")), policy("optional", "PCMU"), null))
                .isInstanceOf(NotAcceptable.class).hasMessage("no common codec: answered G722, allowed PCMU");
        assertThatThrownBy(() -> OfferAnswer.accept(SessionDescription.parse(body("c=IN IP4 10.0.0.2")),
                policy("optional"), null)).isInstanceOf(NotAcceptable.class).hasMessage("the answer has no audio stream");
    }

    @Test
    void aPlainAnswerToAnEncryptedOfferIsPlainUnlessRequired() throws Exception {
        SdesCrypto key = SdesCrypto.generate(1, "AES_CM_128_HMAC_SHA1_80");
        SessionDescription plain = SessionDescription.parse(body("c=IN IP4 10.0.0.2", "m=audio 4000 RTP/AVP 0"));

        Negotiation n = OfferAnswer.accept(plain, policy("optional"), key);

        assertThat(n.remoteCrypto()).isNull();
        assertThat(n.localCrypto()).isNull();
        assertThatThrownBy(() -> OfferAnswer.accept(plain, policy("required"), key)).isInstanceOf(NotAcceptable.class)
                .hasMessage("encryption is required: the answer is plain RTP");
    }

    @Test
    void anEncryptedAnswerMustUseOurTagAndSuite() throws Exception {
        SdesCrypto key = SdesCrypto.generate(1, "AES_CM_128_HMAC_SHA1_80");
        SessionDescription otherTag = SessionDescription.parse(body("c=IN IP4 10.0.0.2", "m=audio 4000 RTP/SAVP 0",
                "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + Offers.KEY_128_A));
        SessionDescription sameTag = SessionDescription.parse(body("c=IN IP4 10.0.0.2", "m=audio 4000 RTP/SAVP 0",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Offers.KEY_128_A));

        assertThatThrownBy(() -> OfferAnswer.accept(otherTag, policy("optional"), key)).isInstanceOf(NotAcceptable.class)
                .hasMessage("the answer has no a=crypto matching our offer");
        assertThat(OfferAnswer.accept(sameTag, policy("optional"), key).remoteCrypto().tag()).isEqualTo(1);
    }

    @Test
    void anEncryptedAnswerToAPlainOfferIsRefused() {
        assertThatThrownBy(() -> OfferAnswer.accept(SessionDescription.parse(body("c=IN IP4 10.0.0.2",
                "m=audio 4000 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Offers.KEY_128_A)),
                policy("optional"), null)).isInstanceOf(NotAcceptable.class)
                .hasMessage("the answer is RTP/SAVP to a plain RTP offer");
    }

    @Test
    void policyDefaults() {
        MediaPolicy p = MediaPolicy.of(null, null, null);

        assertThat(p.codecs()).containsExactly("OPUS", "PCMU", "PCMA");
        assertThat(p.encryption()).isEqualTo("default");
        assertThat(p.encryptionRequired()).isFalse();
        assertThat(p.ciphers()).isNotEmpty().allSatisfy(c -> assertThat(SdesCrypto.supported(c)).isTrue());
        assertThat(MediaPolicy.of(List.of("opus@8000h@20i", "OPUS", "pcma", "G722"), "REQUIRED",
                List.of("aes_cm_128_hmac_sha1_80")))
                .isEqualTo(new MediaPolicy(List.of("OPUS", "PCMA", "G722"), "required", List.of("AES_CM_128_HMAC_SHA1_80")));
    }
}
