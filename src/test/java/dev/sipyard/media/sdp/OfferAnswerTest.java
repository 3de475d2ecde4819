package dev.sipyard.media.sdp;

import static dev.sipyard.media.sdp.SessionDescriptionTest.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.media.srtp.SdesCrypto;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferAnswerTest {
    private static final MediaPolicy DEFAULTS = MediaPolicy.of(List.of(), "default", List.of());

    private static MediaPolicy policy(String encryption, String... codecs) {
        return MediaPolicy.of(List.of(codecs), encryption, List.of());
    }

    private static Negotiation answer(String offer, MediaPolicy policy) throws Exception {
        return OfferAnswer.answer(SessionDescription.parse(offer), policy);
    }

    @Test
    void baresipGetsOpusWithItsNarrowbandTelephoneEvent() throws Exception {
        Negotiation n = answer(Offers.BARESIP, DEFAULTS);

        assertThat(n.codec()).isEqualTo("OPUS");
        assertThat(n.payloadType()).isEqualTo(96);
        assertThat(n.clockRate()).isEqualTo(48000);
        assertThat(n.telephoneEventPt()).isEqualTo(101);
        assertThat(n.telephoneEventClockRate()).isEqualTo(8000);
        assertThat(n.remoteRtp()).isEqualTo(new InetSocketAddress("192.168.1.20", 10000));
        assertThat(n.remoteCrypto()).isNull();
        assertThat(n.localCrypto()).isNull();
        assertThat(n.encrypted()).isFalse();
        assertThat(n.mediaIndex()).isZero();
        assertThat(n.direction()).isEqualTo("sendrecv");
    }

    @Test
    void theEndpointsOrderWinsOverTheOffersOrder() throws Exception {
        String offer = body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/AVP 8 0");

        assertThat(answer(offer, policy("optional", "PCMU", "PCMA")).codec()).isEqualTo("PCMU");
        assertThat(answer(offer, policy("optional", "PCMA", "PCMU")).codec()).isEqualTo("PCMA");
        assertThat(answer(Offers.BARESIP, policy("optional", "PCMA", "PCMU")).payloadType()).isEqualTo(8);
    }

    @Test
    void codecsWeDoNotServeAreSkippedInTheEndpointsList() throws Exception {
        Negotiation n = answer(Offers.BRIA_SRTP, policy("optional", "G722", "G729", "VP8", "PCMU"));

        assertThat(n.codec()).isEqualTo("PCMU");
        assertThat(n.payloadType()).isZero();
    }

    @Test
    void opusRateVariantsOfTheEndpointMeanOpus() throws Exception {
        Negotiation n = answer(Offers.ZOIPER, policy("optional", "OPUS@16000H@20I", "PCMU"));

        assertThat(n.codec()).isEqualTo("OPUS");
        assertThat(n.payloadType()).isEqualTo(106);
        assertThat(n.telephoneEventPt()).as("telephone-event/48000 preferred for Opus").isEqualTo(98);
        assertThat(n.telephoneEventClockRate()).isEqualTo(48000);
    }

    @Test
    void staticPayloadTypesNeedNoRtpmap() throws Exception {
        Negotiation n = answer(Offers.ZOIPER, policy("optional", "PCMA"));

        assertThat(n.codec()).isEqualTo("PCMA");
        assertThat(n.payloadType()).isEqualTo(8);
        assertThat(n.clockRate()).isEqualTo(8000);
        assertThat(n.telephoneEventPt()).isEqualTo(101);
        assertThat(n.telephoneEventClockRate()).isEqualTo(8000);
    }

    @Test
    void anRtpmapOverridesTheStaticMeaningAndDynamicTypesNeedOne() throws Exception {
        String offer = body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0 96 97", "a=rtpmap:0 G722/8000",
                "a=rtpmap:97 PCMU/8000");

        Negotiation n = answer(offer, policy("optional", "OPUS", "PCMU"));

        assertThat(n.codec()).isEqualTo("PCMU");
        assertThat(n.payloadType()).isEqualTo(97);
        assertThat(n.telephoneEventPt()).isEqualTo(-1);
    }

    @Test
    void linphonesCodecsAndTelephoneEventsAtTheirRates() throws Exception {
        Negotiation opus = answer(Offers.LINPHONE, DEFAULTS);
        Negotiation ulaw = answer(Offers.LINPHONE, policy("optional", "PCMU"));

        assertThat(opus.codec()).isEqualTo("OPUS");
        assertThat(opus.telephoneEventPt()).isEqualTo(101);
        assertThat(ulaw.codec()).isEqualTo("PCMU");
        assertThat(ulaw.payloadType()).isZero();
        assertThat(ulaw.telephoneEventPt()).isEqualTo(100);
    }

    @Test
    void sippsDefaultOffer() throws Exception {
        Negotiation n = answer(Offers.SIPP, DEFAULTS);

        assertThat(n.codec()).isEqualTo("PCMU");
        assertThat(n.remoteRtp()).isEqualTo(new InetSocketAddress("127.0.0.1", 6000));
        assertThat(n.telephoneEventPt()).isEqualTo(-1);
    }

    @Test
    void noCommonCodecSaysWhatWasOfferedAndAllowed() {
        assertThatThrownBy(() -> answer(Offers.SIPP, policy("optional", "PCMA", "G722")))
                .isInstanceOf(NotAcceptable.class).hasMessage("no common codec: offered PCMU, allowed PCMA");
        assertThatThrownBy(() -> answer(Offers.LINPHONE, policy("optional", "G722")))
                .isInstanceOf(NotAcceptable.class).hasMessage("no common codec: offered OPUS, SPEEX, PCMU, PCMA, "
                        + "G729, allowed none that sipyard's media serves (G722)");
    }

    @Test
    void anOpusOnlyOfferToAG711EndpointIsNotAcceptable() {
        assertThatThrownBy(() -> answer(Offers.WEBRTC_SDES, policy("optional", "PCMU", "PCMA")))
                .isInstanceOf(NotAcceptable.class).hasMessage("no common codec: offered OPUS, allowed PCMU, PCMA");
    }

    @Test
    void dtlsSrtpIsNotServed() {
        assertThatThrownBy(() -> answer(Offers.WEBRTC_DTLS, DEFAULTS)).isInstanceOf(NotAcceptable.class)
                .hasMessage("unsupported media profile UDP/TLS/RTP/SAVPF");
    }

    @Test
    void requiredEncryptionRefusesPlainRtp() {
        assertThatThrownBy(() -> answer(Offers.BARESIP, policy("required"))).isInstanceOf(NotAcceptable.class)
                .hasMessage("encryption is required: no acceptable a=crypto offered");
    }

    @Test
    void requiredEncryptionRefusesCryptoOnAPlainProfile() {
        String offer = body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Offers.KEY_128_A);

        assertThatThrownBy(() -> answer(offer, policy("required"))).isInstanceOf(NotAcceptable.class)
                .hasMessage("encryption is required: no acceptable a=crypto offered");
    }

    @Test
    void requiredEncryptionRefusesSuitesTheEndpointDoesNotAllow() {
        MediaPolicy onlyAes256 = MediaPolicy.of(List.of(), "required", List.of("AES_256_CM_HMAC_SHA1_80"));

        assertThatThrownBy(() -> OfferAnswer.answer(SessionDescription.parse(Offers.BRIA_SRTP), onlyAes256))
                .isInstanceOf(NotAcceptable.class).hasMessage("encryption is required: no acceptable a=crypto offered");
    }

    @Test
    void aSuiteTheSrtpLayerCannotDoIsNotAcceptable() {
        String offer = body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/SAVP 0",
                "a=crypto:1 AEAD_AES_256_GCM_8 inline:" + Offers.KEY_256);

        assertThat(SdesCrypto.supported("AEAD_AES_256_GCM_8")).as("if this changes, so does this test").isFalse();
        assertThatThrownBy(() -> OfferAnswer.answer(SessionDescription.parse(offer),
                MediaPolicy.of(List.of(), "required", List.of("AEAD_AES_256_GCM_8", "AES_CM_128_HMAC_SHA1_80"))))
                .isInstanceOf(NotAcceptable.class).hasMessage("encryption is required: no acceptable a=crypto offered");
    }

    @Test
    void anOfferedKeyWithLifetimeAndMkiIsAccepted() throws Exception {
        String offer = body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/SAVP 0",
                "a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:" + Offers.KEY_128_A + "|2^31|1:4");

        Negotiation n = answer(offer, policy("required"));

        assertThat(n.remoteCrypto().tag()).isEqualTo(5);
        assertThat(n.localCrypto().tag()).isEqualTo(5);
        assertThat(n.localCrypto().suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
    }

    @Test
    void requiredEncryptionAcceptsSdes() throws Exception {
        Negotiation n = answer(Offers.BARESIP_SRTP, policy("required", "PCMA", "PCMU"));

        assertThat(n.codec()).isEqualTo("PCMA");
        assertThat(n.encrypted()).isTrue();
        assertThat(n.remoteCrypto().tag()).isEqualTo(1);
        assertThat(n.remoteCrypto().suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(n.localCrypto().tag()).isEqualTo(1);
        assertThat(n.localCrypto().suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(n.localCrypto().keySalt()).hasSize(30).isNotEqualTo(n.remoteCrypto().keySalt());
    }

    @Test
    void thePolicysCipherOrderPicksAmongTheOfferedKeys() throws Exception {
        Negotiation byDefault = answer(Offers.LINPHONE_SRTP, policy("required"));
        Negotiation shortTag = OfferAnswer.answer(SessionDescription.parse(Offers.BRIA_SRTP),
                MediaPolicy.of(List.of(), "optional", List.of("AES_CM_128_HMAC_SHA1_32", "AES_CM_128_HMAC_SHA1_80")));

        assertThat(byDefault.remoteCrypto().tag()).as("AES-256 before AES-128 in the default order").isEqualTo(3);
        assertThat(byDefault.localCrypto().suite()).isEqualTo("AES_256_CM_HMAC_SHA1_80");
        assertThat(byDefault.localCrypto().keySalt()).hasSize(46);
        assertThat(shortTag.remoteCrypto().tag()).isEqualTo(2);
        assertThat(shortTag.localCrypto().suite()).isEqualTo("AES_CM_128_HMAC_SHA1_32");
    }

    @Test
    void optionalEncryptionUsesOfferedSdesAndPlainOtherwise() throws Exception {
        assertThat(answer(Offers.BRIA_SRTP, policy("optional")).encrypted()).isTrue();
        assertThat(answer(Offers.WEBRTC_SDES, policy("optional")).encrypted()).isTrue();
        assertThat(answer(Offers.BRIA_SRTP, policy("default")).encrypted()).as("default is optional").isTrue();
        assertThat(answer(Offers.ZOIPER, policy("optional")).encrypted()).isFalse();
        assertThat(answer(Offers.ZOIPER, policy("default")).encrypted()).isFalse();
    }

    @Test
    void optionalEncryptionIgnoresCryptoOnAPlainProfile() throws Exception {
        String offer = body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Offers.KEY_128_A);

        Negotiation n = answer(offer, policy("optional"));

        assertThat(n.remoteCrypto()).isNull();
        assertThat(n.localCrypto()).isNull();
    }

    @Test
    void optionalEncryptionCannotAnswerSavpWithoutAnAcceptableKey() {
        String offer = body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/SAVP 0",
                "a=crypto:1 F8_128_HMAC_SHA1_80 inline:" + Offers.KEY_128_A);

        assertThatThrownBy(() -> answer(offer, policy("optional"))).isInstanceOf(NotAcceptable.class)
                .hasMessage("no acceptable a=crypto offered for RTP/SAVP");
    }

    @Test
    void aSecondAudioStreamServesWhenTheFirstCannot() throws Exception {
        SessionDescription offer = SessionDescription.parse(body("c=IN IP4 10.0.0.1",
                "m=audio 4000 RTP/SAVP 0", "a=crypto:1 F8_128_HMAC_SHA1_80 inline:" + Offers.KEY_128_A,
                "m=audio 4002 RTP/AVP 0"));

        Negotiation n = OfferAnswer.answer(offer, policy("optional"));

        assertThat(n.mediaIndex()).isEqualTo(1);
        assertThat(n.remoteRtp().getPort()).isEqualTo(4002);
        assertThat(OfferAnswer.answerSdp(offer, n, "10.9.9.9", 20000, 1, 1))
                .contains("m=audio 0 RTP/SAVP 0\r\nm=audio 20000 RTP/AVP 0\r\n");
    }

    @Test
    void disabledAudioStreamsAreSkipped() throws Exception {
        Negotiation n = answer(body("c=IN IP4 10.0.0.1", "m=audio 0 RTP/AVP 0", "m=audio 4002 RTP/AVP 8"), DEFAULTS);

        assertThat(n.mediaIndex()).isEqualTo(1);
        assertThat(n.codec()).isEqualTo("PCMA");
    }

    @Test
    void anOfferWithoutAUsableAudioStream() {
        assertThatThrownBy(() -> answer(body("c=IN IP4 10.0.0.1", "m=audio 0 RTP/AVP 0", "m=video 5000 RTP/AVP 96",
                "a=rtpmap:96 VP8/90000"), DEFAULTS)).isInstanceOf(NotAcceptable.class).hasMessage("no audio stream offered");
        assertThatThrownBy(() -> answer(body("c=IN IP4 10.0.0.1"), DEFAULTS)).isInstanceOf(NotAcceptable.class)
                .hasMessage("no audio stream offered");
    }

    @ParameterizedTest
    @CsvSource({"sendonly, recvonly", "recvonly, sendonly", "inactive, inactive", "sendrecv, sendrecv"})
    void ourDirectionMirrorsTheOffers(String offered, String ours) throws Exception {
        SessionDescription offer = SessionDescription.parse(
                body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0", "a=" + offered));

        Negotiation n = OfferAnswer.answer(offer, DEFAULTS);

        assertThat(n.direction()).isEqualTo(ours);
        assertThat(OfferAnswer.answerSdp(offer, n, "10.9.9.9", 20000, 1, 2)).contains("\r\na=" + ours + "\r\n");
    }

    @Test
    void holdWithTheNullAddressGivesNoRemoteAddress() throws Exception {
        Negotiation n = answer(body("c=IN IP4 0.0.0.0", "m=audio 4000 RTP/AVP 0", "a=sendonly"), DEFAULTS);

        assertThat(n.remoteRtp()).isNull();
        assertThat(n.direction()).isEqualTo("recvonly");
        assertThat(n.sends()).isFalse();
        assertThat(n.receives()).isTrue();
    }

    @Test
    void holdWithTheIpv6NullAddress() throws Exception {
        assertThat(answer(body("c=IN IP6 ::", "m=audio 4000 RTP/AVP 0"), DEFAULTS).remoteRtp()).isNull();
    }

    @Test
    void ipv6Offers() throws Exception {
        SessionDescription offer = SessionDescription.parse(body("c=IN IP6 2001:db8::5", "m=audio 4000 RTP/AVP 0"));

        Negotiation n = OfferAnswer.answer(offer, DEFAULTS);

        assertThat(n.remoteRtp()).isEqualTo(new InetSocketAddress("2001:db8::5", 4000));
        assertThat(OfferAnswer.answerSdp(offer, n, "2001:db8::9", 20000, 7, 8))
                .contains("o=sipyard 7 8 IN IP6 2001:db8::9\r\n").contains("c=IN IP6 2001:db8::9\r\n");
    }

    @Test
    void aStreamWithoutAConnectionAddressIsNotAcceptable() {
        assertThatThrownBy(() -> answer(body("m=audio 4000 RTP/AVP 0"), DEFAULTS)).isInstanceOf(NotAcceptable.class)
                .hasMessage("no connection address (c=) for the audio stream");
    }

    @Test
    void aHostNameIsNeverResolved() {
        assertThatThrownBy(() -> answer(body("c=IN IP4 media.example.com", "m=audio 4000 RTP/AVP 0"), DEFAULTS))
                .isInstanceOf(NotAcceptable.class)
                .hasMessage("the connection address is not an IP address: media.example.com");
    }

    @Test
    void thePlainAnswerToBaresip() throws Exception {
        SessionDescription offer = SessionDescription.parse(Offers.BARESIP);
        Negotiation n = OfferAnswer.answer(offer, policy("optional", "PCMU"));

        assertThat(OfferAnswer.answerSdp(offer, n, "198.51.100.7", 30000, 42, 1)).isEqualTo("""
                v=0\r
                o=sipyard 42 1 IN IP4 198.51.100.7\r
                s=sipyard\r
                c=IN IP4 198.51.100.7\r
                t=0 0\r
                m=audio 30000 RTP/AVP 0 101\r
                a=rtpmap:0 PCMU/8000\r
                a=rtpmap:101 telephone-event/8000\r
                a=fmtp:101 0-16\r
                a=ptime:20\r
                a=sendrecv\r
                a=rtcp:30001\r
                """);
    }

    @Test
    void theOpusAnswerKeepsTheOffersNumbersAndRefusesVideo() throws Exception {
        SessionDescription offer = SessionDescription.parse(Offers.LINPHONE);
        Negotiation n = OfferAnswer.answer(offer, DEFAULTS);

        String sdp = OfferAnswer.answerSdp(offer, n, "198.51.100.7", 30000, 42, 1);

        assertThat(sdp).contains("m=audio 30000 RTP/AVP 96 101\r\na=rtpmap:96 opus/48000/2\r\n"
                + "a=fmtp:96 useinbandfec=1\r\na=rtpmap:101 telephone-event/48000\r\n")
                .endsWith("m=video 0 RTP/AVP 96 97\r\n");
    }

    @Test
    void theSrtpAnswerCarriesOurKeyWithTheOffersTagAndSuite() throws Exception {
        SessionDescription offer = SessionDescription.parse(Offers.BRIA_SRTP);
        Negotiation n = OfferAnswer.answer(offer, MediaPolicy.of(List.of("PCMU"), "required",
                List.of("AES_CM_128_HMAC_SHA1_32")));

        String sdp = OfferAnswer.answerSdp(offer, n, "198.51.100.7", 30000, 42, 1);

        assertThat(sdp).contains("m=audio 30000 RTP/SAVP 0 101\r\n").contains("a=crypto:" + n.localCrypto().format() + "\r\n");
        MediaDescription answered = SessionDescription.parse(sdp).media().get(0);
        assertThat(answered.cryptos()).hasSize(1);
        SdesCrypto ours = answered.cryptos().get(0);
        assertThat(ours.tag()).isEqualTo(2);
        assertThat(ours.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_32");
        assertThat(ours.keySalt()).isEqualTo(n.localCrypto().keySalt());
    }

    @Test
    void theAnswerEchoesTheOffersProfile() throws Exception {
        SessionDescription offer = SessionDescription.parse(Offers.WEBRTC_SDES);
        Negotiation n = OfferAnswer.answer(offer, DEFAULTS);

        assertThat(OfferAnswer.answerSdp(offer, n, "198.51.100.7", 30000, 42, 1))
                .contains("m=audio 30000 RTP/SAVPF 111 110\r\n");
    }
}
