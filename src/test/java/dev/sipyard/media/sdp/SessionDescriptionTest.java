package dev.sipyard.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionDescriptionTest {
    @Test
    void readsABaresipOffer() throws Exception {
        SessionDescription sdp = SessionDescription.parse(Offers.BARESIP);

        assertThat(sdp.origin()).isEqualTo(new SessionDescription.Origin("-", "1193536441", "1516548217", "192.168.1.20"));
        assertThat(sdp.sessionName()).isEqualTo("-");
        assertThat(sdp.connection()).isEqualTo("192.168.1.20");
        assertThat(sdp.media()).hasSize(1);
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.media()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(10000);
        assertThat(audio.proto()).isEqualTo("RTP/AVP");
        assertThat(audio.formats()).containsExactly("96", "0", "8", "101");
        assertThat(audio.rtpmaps()).containsEntry(96, new RtpMap(96, "opus", 48000, 2))
                .containsEntry(0, new RtpMap(0, "PCMU", 8000, 1))
                .containsEntry(101, new RtpMap(101, "telephone-event", 8000, 1));
        assertThat(audio.fmtp()).containsEntry(96, "stereo=1;sprop-stereo=1").containsEntry(101, "0-15");
        assertThat(audio.connection()).isEqualTo("192.168.1.20");
        assertThat(audio.direction()).isEqualTo("sendrecv");
        assertThat(audio.ptime()).isEqualTo(20);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpPort()).isNull();
        assertThat(audio.cryptos()).isEmpty();
    }

    @Test
    void readsLinphoneWithSessionAttributesAndAVideoStream() throws Exception {
        SessionDescription sdp = SessionDescription.parse(Offers.LINPHONE);

        assertThat(sdp.media()).extracting(MediaDescription::media).containsExactly("audio", "video");
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.formats()).containsExactly("96", "97", "98", "0", "8", "18", "101", "99", "100");
        assertThat(audio.rtpmaps()).doesNotContainKey(0).containsEntry(97, new RtpMap(97, "speex", 16000, 1));
        assertThat(audio.fmtp()).containsEntry(18, "annexb=yes");
        assertThat(audio.ptime()).isNull();
        assertThat(audio.rtcpMux()).isFalse();
        MediaDescription video = sdp.media().get(1);
        assertThat(video.port()).isEqualTo(9078);
        assertThat(video.connection()).as("inherited from the session").isEqualTo("192.168.0.12");
        assertThat(video.rtpmaps().get(96).encoding()).as("payload types are per m= line").isEqualTo("VP8");
    }

    @Test
    void readsSippsLfOnlyBody() throws Exception {
        SessionDescription sdp = SessionDescription.parse(Offers.SIPP);

        assertThat(sdp.media().get(0).formats()).containsExactly("0");
        assertThat(sdp.media().get(0).connection()).isEqualTo("127.0.0.1");
    }

    @Test
    void mediaLevelConnectionAndRtcpAttributeWin() throws Exception {
        SessionDescription sdp = SessionDescription.parse(Offers.WEBRTC_SDES);

        assertThat(sdp.connection()).isNull();
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.connection()).isEqualTo("203.0.113.9");
        assertThat(audio.proto()).isEqualTo("RTP/SAVPF");
        assertThat(audio.rtcpPort()).isEqualTo(9);
        assertThat(audio.secureProfile()).isTrue();
        assertThat(audio.plainProfile()).isFalse();
    }

    @Test
    void readsIpv6Connections() throws Exception {
        SessionDescription sdp = SessionDescription.parse(body("c=IN IP6 2001:db8::5", "m=audio 4000 RTP/AVP 0"));

        assertThat(sdp.media().get(0).connection()).isEqualTo("2001:db8::5");
    }

    @Test
    void keepsOnlyTheAddressOfAMulticastConnection() throws Exception {
        SessionDescription sdp = SessionDescription.parse(body("c=IN IP4 224.2.1.1/127/3", "m=audio 4000 RTP/AVP 0"));

        assertThat(sdp.connection()).isEqualTo("224.2.1.1");
    }

    @Test
    void holdOfferKeepsTheNullAddressAndDirection() throws Exception {
        SessionDescription sdp = SessionDescription.parse(
                body("c=IN IP4 0.0.0.0", "m=audio 4000 RTP/AVP 0", "a=sendonly"));

        assertThat(sdp.media().get(0).connection()).isEqualTo("0.0.0.0");
        assertThat(sdp.media().get(0).direction()).isEqualTo("sendonly");
    }

    @Test
    void sessionLevelDirectionAppliesUnlessAStreamSaysOtherwise() throws Exception {
        SessionDescription sdp = SessionDescription.parse(body("c=IN IP4 10.0.0.1", "a=recvonly",
                "m=audio 4000 RTP/AVP 0", "m=audio 4002 RTP/AVP 8", "a=inactive"));

        assertThat(sdp.media()).extracting(MediaDescription::direction).containsExactly("recvonly", "inactive");
    }

    @Test
    void isLenientAboutOrderCaseBlankLinesAndUnknownLines() throws Exception {
        String text = "\r\nv=0\no=- 1 1 IN IP4 10.0.0.1\r\nx-garbage\r\nz=unknown type\r\nt=0 0\n"
                + "m=audio 4000/2 RTP/AVP 0 101\r\nA=PTIME:30\r\na=rtpmap:101 telephone-event/8000  \r\n"
                + "a=SENDONLY\r\nc=IN IP4 10.0.0.2\r\n\r\n";

        MediaDescription audio = SessionDescription.parse(text).media().get(0);

        assertThat(audio.port()).isEqualTo(4000);
        assertThat(audio.connection()).isEqualTo("10.0.0.2");
        assertThat(audio.direction()).isEqualTo("sendonly");
        assertThat(audio.ptime()).isNull(); // "A=" is not an attribute line: ignored
        assertThat(audio.rtpmaps()).containsEntry(101, new RtpMap(101, "telephone-event", 8000, 1));
    }

    @Test
    void ignoresAttributeValuesItCannotUse() throws Exception {
        MediaDescription audio = SessionDescription.parse(body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0 96",
                "a=rtpmap:96", "a=rtpmap:x opus/48000", "a=rtpmap:200 opus/48000", "a=rtpmap:96 opus/fast",
                "a=ptime:forever", "a=rtcp:-1", "a=crypto:1 NOT_A_SUITE inline:abc", "a=crypto:")).media().get(0);

        assertThat(audio.rtpmaps()).isEmpty();
        assertThat(audio.ptime()).isNull();
        assertThat(audio.rtcpPort()).isNull();
        assertThat(audio.cryptos()).isEmpty();
    }

    @Test
    void readsDecimalPtime() throws Exception {
        MediaDescription audio = SessionDescription.parse(
                body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0", "a=ptime:30.0")).media().get(0);

        assertThat(audio.ptime()).isEqualTo(30);
    }

    @Test
    void aStreamWithoutAnyConnectionHasNone() throws Exception {
        assertThat(SessionDescription.parse(body("m=audio 4000 RTP/AVP 0")).media().get(0).connection()).isNull();
    }

    @Test
    void acceptsTheBounds() throws Exception {
        StringBuilder formats = new StringBuilder();
        for (int i = 0; i < SessionDescription.MAX_FORMATS; i++) {
            formats.append(' ').append(i);
        }
        String[] lines = new String[SessionDescription.MAX_MEDIA + 1];
        lines[0] = "c=IN IP4 10.0.0.1";
        for (int i = 1; i < lines.length; i++) {
            lines[i] = "m=audio " + (4000 + 2 * i) + " RTP/AVP" + formats;
        }

        SessionDescription sdp = SessionDescription.parse(body(lines));

        assertThat(sdp.media()).hasSize(SessionDescription.MAX_MEDIA);
        assertThat(sdp.media().get(0).formats()).hasSize(SessionDescription.MAX_FORMATS);
    }

    @Test
    void refusesTooManyMediaLines() {
        String[] lines = new String[SessionDescription.MAX_MEDIA + 1];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "m=audio 4000 RTP/AVP 0";
        }

        assertThatThrownBy(() -> SessionDescription.parse(body(lines))).isInstanceOf(MalformedSdp.class)
                .hasMessage("more than 16 m= lines");
    }

    @Test
    void refusesTooManyFormats() {
        StringBuilder formats = new StringBuilder();
        for (int i = 0; i <= SessionDescription.MAX_FORMATS; i++) {
            formats.append(' ').append(i);
        }

        assertThatThrownBy(() -> SessionDescription.parse(body("m=audio 4000 RTP/AVP" + formats)))
                .isInstanceOf(MalformedSdp.class).hasMessage("more than 64 formats in an m= line");
    }

    @Test
    void refusesABodyLargerThan64Kb() {
        String big = body("c=IN IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0") + "a=x-pad:" + "x".repeat(64 * 1024) + "\r\n";

        assertThatThrownBy(() -> SessionDescription.parse(big)).isInstanceOf(MalformedSdp.class)
                .hasMessage("SDP body larger than 64 KB");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "hello", "o=- 1 1 IN IP4 10.0.0.1\r\nv=0\r\n", "v=1\r\no=- 1 1 IN IP4 10.0.0.1\r\n",
            "v=0\r\ns=-\r\n", "v=0\r\no=- 1 1\r\n", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=ATM NSAP 47.0091\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 300.1.1.1\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP6 2001:db8::zz\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 a_b\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 70000 RTP/AVP 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio -4 RTP/AVP 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\na=x\u0000y\r\n",
    })
    void refusesWhatIsNotUsableSdp(String text) {
        assertThatThrownBy(() -> SessionDescription.parse(text)).isInstanceOf(MalformedSdp.class)
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> SessionDescription.parse(null)).isInstanceOf(MalformedSdp.class)
                .hasMessage("empty SDP body");
    }

    @Test
    void errorMessagesQuoteUntrustedTextSafely() {
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 \"x\\y\"\r\n"))
                .isInstanceOf(MalformedSdp.class).hasMessage("bad c= line: ?x?y? is not an address");
    }

    @Test
    void keepsAHostNameConnectionUnresolved() throws Exception {
        assertThat(SessionDescription.parse(body("c=IN IP4 media.example.com", "m=audio 4000 RTP/AVP 0"))
                .connection()).isEqualTo("media.example.com");
    }

    static String body(String... lines) {
        StringBuilder text = new StringBuilder("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n");
        for (String line : List.of(lines)) {
            text.append(line).append("\r\n");
        }
        return text.toString();
    }
}
