package dev.sipyard.sip;

import static dev.sipyard.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.rtp.TelephoneEvent;
import dev.sipyard.media.srtp.SdesCrypto;
import dev.sipyard.media.srtp.SrtpContext;
import dev.sipyard.sip.interop.ToneAnalysis;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.RtpPeer;
import dev.sipyard.testing.TestSdp;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipMsg;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls whose document needs media: sipyard answers them itself and a test phone (SIP) with a
 * real RTP peer hears the prompts, sends DTMF and speaks into a recording.
 */
class MediaCallTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static void handler(SipFixture f, String endpointId, Map<String, Object> fields) {
        var r = f.api.patch("/api/fabric/resources/sip_endpoints/" + endpointId, fields);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** The answered call: the 200's SDP tells where to send RTP; the peer starts sending silence to latch. */
    private static SipAgent.Call answered(SipAgent a, RtpPeer peer, String dialled) {
        return answeredLeg(a, peer, dialled).call();
    }

    /** An answered call and the port sipyard receives its RTP on. */
    private record Leg(SipAgent.Call call, int rtpPort) {}

    private static Leg answeredLeg(SipAgent a, RtpPeer peer, String dialled) {
        a.offer(TestSdp.offer(peer.localPort()));
        SipAgent.Call call = a.call(dialled);
        SipMsg ok = call.awaitFinal(10_000);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.first("Content-Type")).isEqualTo("application/sdp");
        call.ack();
        int port = TestSdp.audioPort(ok.body());
        peer.target(port);
        return new Leg(call, port);
    }

    private static short[] silence(int millis) {
        return new short[millis * 8];
    }

    private static short[] tone(int hz, int millis) {
        short[] s = new short[millis * 8];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (12000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSayThenGatherIsHeardAndTheDigitsReachTheAction(Backend backend) throws Exception {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Gather numDigits=\"2\" timeout=\"10\" action=\"/digits\">"
                    + "<Say>Welcome to sipyard. Please enter two digits.</Say></Gather><Say>No input</Say></Response>");
            app.cxml("/digits", "<Response><Hangup/></Response>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);

            SipAgent.Call call = answered(a, peer, "ivr");
            peer.send(silence(200));
            assertThat(await(() -> ToneAnalysis.rms(peer.receivedPcm()) > 300 && peer.receivedCount() > 50, 10_000))
                    .as("the caller hears the spoken prompt (packets: %s)", peer.receivedCount()).isTrue();
            peer.sendDigits("42", 101);

            DocumentServer.Received digits = awaitRequest(f, app, "/digits", 15_000);
            assertThat(digits.form()).containsEntry("Digits", "42").containsEntry("CallStatus", "in-progress");
            awaitHangUp(a, 5000, "the action's <Hangup> hangs up the answered call");
            assertThat(app.requests("/voice").get(0).form()).containsKey("CallSid");
            String callSid = digits.form().get("CallSid");
            var events = f.api.get("/api/voice/logs/" + callSid + "/events");
            assertThat(events.body()).contains("gather").contains("42").contains("answer");
        }
    }

    @Test
    void aPlayedToneArrivesAtItsFrequencyAndTheCallerCanHangUp() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer()) {
            Path wav = Files.createTempFile("tone", ".wav");
            ToneAnalysis.writeSine(wav, 800, 16000, 1.5);
            app.file("/tone.wav", "audio/wav", Files.readAllBytes(wav));
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Play>/tone.wav</Play><Pause length=\"30\"/></Response>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);

            SipAgent.Call call = answered(a, peer, "tone");
            peer.send(silence(100));
            assertThat(await(() -> ToneAnalysis.rms(peer.receivedPcm()) > 2000, 10_000)).as("the tone is heard").isTrue();
            assertThat(await(() -> peer.receivedCount() > 100, 10_000)).isTrue();
            short[] heard = peer.receivedPcm();
            assertThat(ToneAnalysis.dominantFrequency(heard, 8000)).isBetween(780.0, 820.0);
            assertThat(call.bye().status()).isEqualTo(200);
            String callSid = app.requests("/voice").get(0).form().get("CallSid");
            assertThat(await(() -> f.api.get("/api/voice/logs/" + callSid).body().contains("hung up by the caller"),
                    5000)).as(f.api.get("/api/voice/logs/" + callSid).body()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRecordingHoldsWhatTheCallerSaidAndIsServedByTheApi(Backend backend) throws Exception {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Record maxLength=\"2\" timeout=\"0\" playBeep=\"true\" action=\"/recorded\" "
                    + "recordingStatusCallback=\"/recording-status\"/></Response>");
            app.cxml("/recorded", "<Response><Hangup/></Response>");
            app.cxml("/recording-status", "<Response/>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);

            answered(a, peer, "record");
            peer.send(tone(600, 4000));

            DocumentServer.Received done = awaitRequest(f, app, "/recorded", 15_000);
            String sid = done.form().get("RecordingSid");
            assertThat(sid).isNotBlank();
            assertThat(done.form().get("RecordingDuration")).isIn("2", "3");
            String url = done.form().get("RecordingUrl");
            assertThat(url).endsWith("/Recordings/" + sid);
            awaitHangUp(a, 5000, "sipyard hangs up");

            HttpResponse<byte[]> wav = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + ".wav"))
                    .header("Authorization", basic(f)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(wav.statusCode()).isEqualTo(200);
            Path file = Files.createTempFile("recording", ".wav");
            Files.write(file, wav.body());
            ToneAnalysis.Pcm pcm = ToneAnalysis.read(file);
            assertThat(pcm.seconds()).isBetween(1.5, 2.6);
            assertThat(ToneAnalysis.dominantFrequency(pcm.samples(), pcm.sampleRate())).isBetween(580.0, 620.0);

            DocumentServer.Received status = app.awaitRequests("/recording-status", 1, 10_000).get(0);
            assertThat(status.form()).containsEntry("RecordingSid", sid).containsEntry("RecordingStatus", "completed");
            var listed = f.api.get("/api/laml/2010-04-01/Accounts/" + f.api.credentials()[0] + "/Recordings.json");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body()).contains(sid);
        }
    }

    @Test
    void aCallerWhoHangsUpDuringARecordingStillHasItsActionRequested() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Record maxLength=\"60\" timeout=\"0\" playBeep=\"false\" "
                    + "action=\"/voicemail\"/></Response>");
            app.cxml("/voicemail", "<Response><Say>Never heard</Say></Response>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);

            SipAgent.Call call = answered(a, peer, "voicemail");
            peer.send(tone(500, 1500));
            assertThat(call.bye().status()).isEqualTo(200);

            DocumentServer.Received done = awaitRequest(f, app, "/voicemail", 10_000);
            assertThat(done.form()).containsEntry("CallStatus", "completed");
            String sid = done.form().get("RecordingSid");
            assertThat(sid).isNotBlank();
            assertThat(done.form().get("RecordingUrl")).endsWith("/Recordings/" + sid);
            assertThat(Integer.parseInt(done.form().get("RecordingDuration"))).isBetween(1, 3);
            String callSid = done.form().get("CallSid");
            String events = "/api/voice/logs/" + callSid + "/events";
            assertThat(await(() -> f.api.get(events).body().contains("\"after_hangup\":true"), 5000))
                    .as(f.api.get(events).body()).isTrue();
        }
    }

    @Test
    void requiredEncryptionRefusesAPlainOfferWith488() {
        try (SipFixture f = new SipFixture(Backend.SQLITE); DocumentServer app = new DocumentServer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Say>Secret</Say></Response>");
            handler(f, alice, Map.of("call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                    "encryption", "required"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            a.offer(TestSdp.offer(40_002));
            SipMsg fin = a.call("secret").awaitFinal(10_000);
            assertThat(fin.status()).isEqualTo(488);
            assertThat(fin.first("Reason")).containsIgnoringCase("encryption");
        }
    }

    @Test
    void aCallerThatSendsNoAudioIsHungUpAfterTheMediaTimeout() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE, Map.of("SIPYARD_RTP_TIMEOUT", "1s"));
             DocumentServer app = new DocumentServer(); RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Say loop=\"0\">Are you there?</Say></Response>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            answered(a, peer, "silent");
            awaitHangUp(a, 8000, "a BYE once no RTP came for 1 s");
            String callSid = app.requests("/voice").get(0).form().get("CallSid");
            assertThat(await(() -> f.api.get("/api/voice/logs/" + callSid).body().contains("No audio"), 5000))
                    .as(f.api.get("/api/voice/logs/" + callSid).body()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSwmlMenuAnswersPlaysPromptsAndSwitchesOnTheKeyPressed(Backend backend) throws Exception {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.json("/swml", "{\"version\":\"1.0.0\",\"sections\":{\"main\":["
                    + "{\"answer\":{}},"
                    + "{\"prompt\":{\"play\":\"say:Press one for sales or two for support\",\"max_digits\":1,"
                    + "\"digit_timeout\":10}},"
                    + "{\"switch\":{\"variable\":\"prompt_value\",\"case\":{"
                    + "\"1\":[{\"transfer\":{\"dest\":\"" + app.url("/sales") + "\"}}],"
                    + "\"2\":[{\"transfer\":{\"dest\":\"" + app.url("/support") + "\"}}]},"
                    + "\"default\":[{\"hangup\":{}}]}}]}}");
            app.json("/support", "{\"version\":\"1.0.0\",\"sections\":{\"main\":[{\"play\":{\"url\":"
                    + "\"silence:1\"}},{\"hangup\":{}}]}}");
            handler(f, alice, Map.of("call_handler", "relay_script", "call_relay_script_url", app.url("/swml")));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);

            answered(a, peer, "menu");
            peer.send(silence(100));
            assertThat(await(() -> ToneAnalysis.rms(peer.receivedPcm()) > 300, 10_000)).as("the menu is heard").isTrue();
            peer.sendDigits("2", 101);

            DocumentServer.Received support = awaitRequest(f, app, "/support", 15_000);
            assertThat(support.body()).contains("\"call\"");
            assertThat(app.requests("/sales")).isEmpty();
            awaitHangUp(a, 10_000, "the support script hangs up");
        }
    }

    @Test
    void aDialAfterAnsweringBridgesTheCallerToTheCalleeAndTheDocumentGoesOnAfterwards() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE); DocumentServer app = new DocumentServer();
             RtpPeer alicePeer = new RtpPeer(); RtpPeer bobPeer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            app.cxml("/voice", "<Response><Say>Connecting you</Say><Dial timeout=\"10\" action=\"/after-dial\">"
                    + "<Sip>sip:bob@" + f.domain + "</Sip></Dial></Response>");
            app.cxml("/after-dial", "<Response><Say>The other side hung up</Say></Response>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            SipAgent b = f.registeredAgent(f.udp(), "bob", PASSWORD);
            b.answerWith(TestSdp.offer(bobPeer.localPort()));

            answered(a, alicePeer, "bob-please");
            alicePeer.send(silence(100));
            SipAgent.Incoming in = b.awaitCall(15_000);
            assertThat(in).as("the <Dial> after answering rings bob").isNotNull();
            assertThat(in.invite.body()).contains("m=audio");
            bobPeer.target(TestSdp.audioPort(in.invite.body()));
            in.answer();
            assertThat(in.awaitAck(5000)).as("sipyard ACKs bob's 200").isNotNull();

            bobPeer.send(silence(100));
            alicePeer.send(tone(700, 1500));
            assertThat(await(() -> ToneAnalysis.rms(bobPeer.receivedPcm()) > 2000, 10_000))
                    .as("bob hears alice's tone through the bridge").isTrue();
            assertThat(ToneAnalysis.dominantFrequency(bobPeer.receivedPcm(), 8000)).isBetween(680.0, 720.0);

            assertThat(in.bye().status()).as("bob hangs up").isEqualTo(200);
            DocumentServer.Received after = awaitRequest(f, app, "/after-dial", 10_000);
            assertThat(after.form()).containsEntry("DialCallStatus", "completed").containsKey("DialCallDuration");
            awaitHangUp(a, 15_000, "the document ends after its last <Say>: alice is hung up");
        }
    }

    @Test
    void anEncryptedCallIsAnsweredWithSrtpAndItsAudioDecrypts() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Say>This call is encrypted</Say><Pause length=\"20\"/></Response>");
            handler(f, alice, Map.of("call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                    "encryption", "required", "ciphers", List.of("AES_CM_128_HMAC_SHA1_80")));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            SdesCrypto ours = SdesCrypto.generate(1, "AES_CM_128_HMAC_SHA1_80");
            a.offer("v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + peer.localPort() + " RTP/SAVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\na=crypto:" + ours.format() + "\r\n");
            SipAgent.Call call = a.call("secret");
            SipMsg ok = call.awaitFinal(10_000);
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            call.ack();
            Matcher crypto = Pattern.compile("a=crypto:(.*)\r?\n").matcher(ok.body());
            assertThat(crypto.find()).as("the answer carries sipyard's key:\n%s", ok.body()).isTrue();
            assertThat(ok.body()).contains("RTP/SAVP");
            peer.srtp(SrtpContext.of(ours, SdesCrypto.parse(crypto.group(1).trim()))).target(TestSdp.audioPort(ok.body()));
            peer.send(silence(200));
            assertThat(await(() -> ToneAnalysis.rms(peer.receivedPcm()) > 300, 10_000))
                    .as("the prompt decrypts to speech (undecodable: %s)", peer.undecodable()).isTrue();
            assertThat(peer.undecodable()).isZero();
            assertThat(call.bye().status()).isEqualTo(200);
        }
    }

    @Test
    void anInviteWithoutSdpGetsOurOfferInThe200AndItsAnswerInTheAckStartsTheAudio() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Say>Late offers work too</Say><Pause length=\"20\"/></Response>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            a.offer("");
            SipAgent.Call call = a.call("late");
            SipMsg ok = call.awaitFinal(10_000);
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(ok.body()).as("sipyard's offer").contains("m=audio").contains("PCMU/8000");
            call.ack(TestSdp.offer(peer.localPort()));
            peer.target(TestSdp.audioPort(ok.body()));
            peer.send(silence(200));
            assertThat(await(() -> ToneAnalysis.rms(peer.receivedPcm()) > 300, 10_000)).as("the prompt is heard").isTrue();
            assertThat(call.bye().status()).isEqualTo(200);
        }
    }

    @Test
    void promptsThatCannotBeRenderedAreLoggedAndTheDocumentGoesOn() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/page.html", "<html>not audio</html>");
            app.cxml("/voice", "<Response><Play>/page.html</Play><Play>/missing.wav</Play>"
                    + "<Redirect>/next</Redirect></Response>");
            app.cxml("/next", "<Response><Say>" + "x".repeat(10_000) + "</Say></Response>");
            app.cxml("/fallback", "<Response><Hangup/></Response>");
            handler(f, alice, Map.of("call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                    "call_fallback_url", app.url("/fallback")));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            answered(a, peer, "broken");
            peer.send(silence(100));

            DocumentServer.Received fallback = awaitRequest(f, app, "/fallback", 15_000);
            assertThat(fallback.form()).containsEntry("ErrorCode", "12100");
            awaitHangUp(a, 10_000, "the fallback's <Hangup> ends the call cleanly");
            String callSid = app.requests("/voice").get(0).form().get("CallSid");
            String events = f.api.get("/api/voice/logs/" + callSid + "/events").body();
            assertThat(events).contains("media_error").contains("is not audio").contains("HTTP 404");
        }
    }

    @Test
    void sipInfoDigitsAreGatheredAndStrayOrBrokenRtpIsDroppedAndCounted() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer(); RtpPeer stranger = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Gather numDigits=\"3\" finishOnKey=\"#\" timeout=\"10\" action=\"/digits\">"
                    + "<Say>Enter your code, then the pound key</Say></Gather></Response>");
            app.cxml("/digits", "<Response><Hangup/></Response>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            Leg leg = answeredLeg(a, peer, "info");
            SipAgent.Call call = leg.call();
            peer.send(silence(100));
            stranger.target(leg.rtpPort());
            stranger.send(silence(200)); // another port: ignored once the caller's port is latched
            peer.sendRaw(new byte[] {(byte) 0x80, 0, 1}); // too short to be RTP
            peer.sendRaw("definitely not RTP at all".getBytes(StandardCharsets.UTF_8));
            for (String key : new String[] {"7", "#"}) {
                SipMsg r = call.request("INFO", "application/dtmf-relay", "Signal=" + key + "\r\nDuration=160\r\n", 5000);
                assertThat(r.status()).isEqualTo(200);
            }
            DocumentServer.Received digits = awaitRequest(f, app, "/digits", 10_000);
            assertThat(digits.form()).containsEntry("Digits", "7");
            awaitHangUp(a, 5000, "sipyard hangs up");
            String callSid = digits.form().get("CallSid");
            assertThat(await(() -> f.api.get("/api/voice/logs/" + callSid + "/events").body().contains("\"rtp\""), 5000))
                    .isTrue();
            String events = f.api.get("/api/voice/logs/" + callSid + "/events").body();
            assertThat(events).contains("\"dropped_wrong_source\":10").containsPattern("\"dropped_malformed\":[1-9]");
        }
    }

    @Test
    void withoutATextToSpeechEngineASayIsLoggedAsFailedAndTheCallGoesOn() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE, Map.of("SIPYARD_TTS_COMMAND", "/nonexistent/espeak-ng"));
             DocumentServer app = new DocumentServer(); RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Say>Nobody hears this</Say><Redirect>/next</Redirect></Response>");
            app.cxml("/next", "<Response><Hangup/></Response>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            answered(a, peer, "mute");
            awaitHangUp(a, 10_000, "the document goes on past the failed <Say> and hangs up");
            assertThat(app.requests("/next")).hasSize(1);
            String callSid = app.requests("/voice").get(0).form().get("CallSid");
            String events = "/api/voice/logs/" + callSid + "/events";
            // the call log is written by its own group-committing writer, after the hang-up
            await(() -> f.api.get(events).body().contains("media_error"), 10_000);
            assertThat(f.api.get(events).body()).contains("media_error")
                    .contains("text to speech is not available");
        }
    }

    @Test
    void playDigitsSendsTelephoneEvents() throws Exception {
        try (SipFixture f = new SipFixture(Backend.SQLITE); DocumentServer app = new DocumentServer();
             RtpPeer peer = new RtpPeer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Play digits=\"1w9#\"/><Pause length=\"20\"/></Response>");
            cxmlHandler(f, alice, app.url("/voice"));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            SipAgent.Call call = answered(a, peer, "digits");
            peer.send(silence(100));
            assertThat(await(() -> eventDigits(peer).equals("19#"), 10_000)).as("events heard: %s", eventDigits(peer))
                    .isTrue();
            assertThat(call.bye().status()).isEqualTo(200);
        }
    }

    /** The digits of the RFC 4733 events the peer received, one per event (by RTP timestamp). */
    private static String eventDigits(RtpPeer peer) {
        StringBuilder digits = new StringBuilder();
        long lastTimestamp = -1;
        for (RtpPeer.Received r : peer.received()) {
            TelephoneEvent e = r.packet().payloadType() == 101 ? TelephoneEvent.parse(r.packet().payload()) : null;
            if (e != null && r.packet().timestamp() != lastTimestamp) {
                lastTimestamp = r.packet().timestamp();
                digits.append(TelephoneEvent.digit(e.event()));
            }
        }
        return digits.toString();
    }

    /** Waits for sipyard's BYE to {@code a} and answers it 200. */
    private static void awaitHangUp(SipAgent a, int millis, String why) {
        SipMsg bye = a.awaitRequest("BYE", millis);
        assertThat(bye).as(why).isNotNull();
        a.respond(bye, 200, "OK", null, false);
    }

    /** Endpoint {@code id}'s calls run the cXML document at {@code url}. */
    private static void cxmlHandler(SipFixture f, String id, String url) {
        handler(f, id, Map.of("call_handler", "laml_webhooks", "call_request_url", url));
    }

    /** The first request to {@code path}; when none comes, the failure shows the call's log. */
    private static DocumentServer.Received awaitRequest(SipFixture f, DocumentServer app, String path, int millis) {
        try {
            return app.awaitRequests(path, 1, millis).get(0);
        } catch (AssertionError e) {
            String callSid = app.requests("/voice").get(0).form().get("CallSid");
            throw new AssertionError(e.getMessage() + "; the call's events: "
                    + f.api.get("/api/voice/logs/" + callSid + "/events").body(), e);
        }
    }

    private static String basic(SipFixture f) {
        String[] c = f.api.credentials();
        return "Basic " + Base64.getEncoder().encodeToString((c[0] + ":" + c[1]).getBytes(StandardCharsets.UTF_8));
    }
}
