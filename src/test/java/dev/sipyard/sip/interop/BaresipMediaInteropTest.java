package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real baresip phone calls an endpoint whose document sipyard answers itself. What baresip
 * decodes must hold the played tone and the spoken prompt; the DTMF it sends (RFC 4733, asked for
 * through its ctrl_tcp module while it hears the {@code <Gather>}'s prompt) must reach the
 * Gather's action; and a {@code <Record>} must store the tone baresip sends.
 */
class BaresipMediaInteropTest {
    private static final String PASSWORD = "Media-Caller-Secret-77";
    private static final int PLAYED_HZ = 800;
    private static final int PLAYED_MILLIS = 1500;
    /** The Gather's own prompt: long, so the digits barge in while it plays. */
    private static final int GATHER_HZ = 1200;
    private static final int GATHER_MILLIS = 6000;
    private static final int CALLER_HZ = 600;

    /** What baresip offers: its codec modules, and the WAV format its aufile microphone must have for them. */
    private enum Codec {
        PCMU(List.of("g711"), 8000, 1), OPUS(List.of("opus"), 48000, 2);

        final List<String> modules;
        final int rate;
        final int channels;

        Codec(List<String> modules, int rate, int channels) {
            this.modules = modules;
            this.rate = rate;
            this.channels = channels;
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void baresipHearsTheToneAndThePromptAndItsDigitsReachTheGatherAction(Backend backend) throws Exception {
        promptsAndDigits(backend, Codec.PCMU);
    }

    @Test
    void overOpusBaresipHearsTheToneAndThePromptAndItsDigitsReachTheGatherAction() throws Exception {
        promptsAndDigits(Backend.SQLITE, Codec.OPUS);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRecordingHoldsTheToneBaresipSends(Backend backend) throws Exception {
        recording(backend, Codec.PCMU);
    }

    @Test
    void overOpusARecordingHoldsTheToneBaresipSends() throws Exception {
        recording(Backend.SQLITE, Codec.OPUS);
    }

    private static void promptsAndDigits(Backend backend, Codec codec) throws Exception {
        String baresip = Peers.require("baresip");
        Path root = Files.createTempDirectory("baresip-media");
        Path quiet = root.resolve("quiet.wav");
        Files.write(quiet, wav(codec, 0, 60));
        try (TestServer server = TestServer.start(backend); DocumentServer app = new DocumentServer()) {
            ApiClient api = server.newProject("baresip-media");
            app.file("/tone.wav", "audio/wav", sine(root, PLAYED_HZ, PLAYED_MILLIS));
            app.file("/enter.wav", "audio/wav", sine(root, GATHER_HZ, GATHER_MILLIS));
            app.cxml("/voice", "<Response><Play>/tone.wav</Play><Say>Please enter two digits</Say>"
                    + "<Gather numDigits=\"2\" timeout=\"15\" action=\"/digits\"><Play>/enter.wav</Play><Say>Now</Say>"
                    + "</Gather><Say>Nothing was entered</Say></Response>");
            app.cxml("/digits", "<Response><Hangup/></Response>");
            String domain = answeringEndpoint(api, app);

            try (BaresipPhone alice = BaresipPhone.start(baresip, root.resolve("alice"), "alice", PASSWORD, domain,
                    server.sipPorts().udp(), quiet, codec.modules)) {
                alice.command("dial", "ivr");
                alice.awaitEvent("CALL_ESTABLISHED", 10_000);
                long established = System.currentTimeMillis();
                String callSid = app.awaitRequests("/voice", 1, 5000).get(0).form().get("CallSid");
                assertNegotiated(api, callSid, codec, alice);

                // a person presses keys once the Gather's prompt is heard; so does the test
                awaitHearing(alice, GATHER_HZ, 15_000, api, callSid);
                alice.command("sndcode", "4");
                awaitEvents(api, callSid, "dtmf", 1, 5000, alice);
                alice.command("sndcode", "2");

                DocumentServer.Received digits = awaitAction(app, "/digits", api, callSid, alice);
                assertThat(digits.form()).as("the Gather action's form").containsEntry("Digits", "42")
                        .containsEntry("CallSid", callSid);
                alice.awaitEvent("CALL_CLOSED", 10_000); // the action's <Hangup>
                double callSeconds = (System.currentTimeMillis() - established) / 1000.0;
                alice.stop();

                List<JsonNode> prompts = awaitEvents(api, callSid, "play", 2, 5000, alice);
                ToneAnalysis.Pcm heard = ToneAnalysis.read(alice.decodedAudio().orElseThrow(
                        () -> new AssertionError("baresip wrote no decoded audio" + alice.context())));
                String context = alice.context() + "\nsipyard's events: " + events(api, callSid);
                assertThat(heard.seconds()).as("seconds baresip decoded (the call lasted %.1f s from the answer)%s",
                        callSeconds, context).isBetween(callSeconds - 1.5, callSeconds + 1.0);

                int onset = ToneSpans.firstSound(heard);
                int toneStart = ToneSpans.toneStart(heard, 0, PLAYED_HZ);
                assertThat(toneStart).as("where the %d Hz tone starts%s", PLAYED_HZ, context).isNotNegative();
                assertThat(ToneSpans.millis(heard, toneStart - onset)).as("the %d Hz tone at %.2f s is the first "
                        + "sound (at %.2f s)%s", PLAYED_HZ, ToneSpans.millis(heard, toneStart) / 1000,
                        ToneSpans.millis(heard, onset) / 1000, context).isBetween(0.0, 32.0);
                int toneEnd = ToneSpans.toneEnd(heard, toneStart, PLAYED_HZ);
                assertThat(ToneSpans.millis(heard, toneEnd - toneStart)).as("milliseconds of the %d Hz tone%s",
                        PLAYED_HZ, context).isBetween(PLAYED_MILLIS - 100.0, PLAYED_MILLIS + 100.0);
                short[] tone = ToneSpans.slice(heard.samples(), toneStart, toneEnd);
                assertThat(ToneAnalysis.dominantFrequency(tone, heard.sampleRate())).as("the tone's frequency%s",
                        context).isBetween(PLAYED_HZ - 20.0, PLAYED_HZ + 20.0);
                assertThat(ToneAnalysis.rms(tone)).as("the tone's level (a half-scale sine is ~11600)%s", context)
                        .isGreaterThan(8000);

                int sayMillis = prompts.get(1).path("detail").path("ms").asInt();
                int gatherStart = ToneSpans.toneStart(heard, toneEnd, GATHER_HZ);
                assertThat(gatherStart).as("where the Gather's %d Hz prompt starts%s", GATHER_HZ, context)
                        .isNotNegative();
                assertThat(ToneSpans.millis(heard, gatherStart - toneEnd)).as("the spoken prompt's time (sipyard "
                        + "took %d ms to say it)%s", sayMillis, context).isBetween(sayMillis - 150.0, sayMillis + 1000.0);
                short[] said = ToneSpans.slice(heard.samples(), toneEnd, gatherStart);
                assertThat(ToneAnalysis.rms(said)).as("level of the spoken prompt%s", context)
                        .isGreaterThan(ToneSpans.SOUND_RMS);
                assertThat(ToneSpans.millis(heard, ToneSpans.toneEnd(heard, gatherStart, GATHER_HZ) - gatherStart))
                        .as("milliseconds of the Gather's prompt before the digits stopped it%s", context)
                        .isLessThan(GATHER_MILLIS - 1000.0);
            }
        }
    }

    private static void recording(Backend backend, Codec codec) throws Exception {
        String baresip = Peers.require("baresip");
        Path root = Files.createTempDirectory("baresip-record");
        Path sent = root.resolve("sent.wav");
        Files.write(sent, wav(codec, CALLER_HZ, 60));
        try (TestServer server = TestServer.start(backend); DocumentServer app = new DocumentServer()) {
            ApiClient api = server.newProject("baresip-record");
            app.cxml("/voice", "<Response><Record maxLength=\"3\" timeout=\"0\" playBeep=\"false\" "
                    + "action=\"/recorded\"/></Response>");
            app.cxml("/recorded", "<Response><Hangup/></Response>");
            String domain = answeringEndpoint(api, app);

            try (BaresipPhone alice = BaresipPhone.start(baresip, root.resolve("alice"), "alice", PASSWORD, domain,
                    server.sipPorts().udp(), sent, codec.modules)) {
                alice.command("dial", "voicemail");
                alice.awaitEvent("CALL_ESTABLISHED", 10_000);
                String callSid = app.awaitRequests("/voice", 1, 5000).get(0).form().get("CallSid");
                assertNegotiated(api, callSid, codec, alice);
                DocumentServer.Received recorded = awaitAction(app, "/recorded", api, callSid, alice);
                alice.awaitEvent("CALL_CLOSED", 10_000);
                String context = alice.context() + "\nsipyard's events: " + events(api, callSid);

                String url = recorded.form().get("RecordingUrl");
                assertThat(url).as("RecordingUrl in %s%s", recorded.form(), context).isNotBlank();
                HttpResponse<byte[]> wav = api.download(url + ".wav");
                assertThat(wav.statusCode()).as("download of %s.wav", url).isEqualTo(200);
                Path file = root.resolve("recording.wav");
                Files.write(file, wav.body());
                ToneAnalysis.Pcm pcm = ToneAnalysis.read(file);
                assertThat(pcm.seconds()).as("seconds recorded (maxLength 3)%s", context).isBetween(2.5, 3.5);
                assertThat(ToneAnalysis.rms(pcm.samples())).as("the recording's level%s", context)
                        .isGreaterThan(8000);
                assertThat(ToneAnalysis.dominantFrequency(pcm.samples(), pcm.sampleRate()))
                        .as("strongest frequency in the recording%s", context)
                        .isBetween(CALLER_HZ - 20.0, CALLER_HZ + 20.0);
            }
        }
    }

    /** alice, whose calls run the document at {@code /voice}; returns the project's SIP domain. */
    private static String answeringEndpoint(ApiClient api, DocumentServer app) {
        String id = api.post("/api/fabric/resources/sip_endpoints", Map.of("username", "alice", "password",
                PASSWORD)).json().get("id").asText();
        var r = api.patch("/api/fabric/resources/sip_endpoints/" + id, Map.of("call_handler", "laml_webhooks",
                "call_request_url", app.url("/voice")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
    }

    private static void assertNegotiated(ApiClient api, String callSid, Codec codec, BaresipPhone phone)
            throws InterruptedException {
        JsonNode answer = awaitEvents(api, callSid, "answer", 1, 5000, phone).get(0);
        assertThat(answer.path("detail").path("codec").asText()).as("the codec sipyard answered with: %s", answer)
                .isEqualTo(codec.name());
        assertThat(answer.path("detail").path("dtmf").asText()).as("DTMF as sipyard negotiated it: %s", answer)
                .isEqualTo("rfc4733");
    }

    /** Waits until the newest audio baresip decoded is the tone {@code hz} (it writes the WAV as it decodes). */
    private static void awaitHearing(BaresipPhone phone, int hz, long millis, ApiClient api, String callSid)
            throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Optional<Path> wav = phone.decodedAudio();
            if (wav.isPresent() && ToneSpans.endsWithTone(ToneAnalysis.read(wav.get()), hz)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("baresip never heard the " + hz + " Hz prompt; sipyard's events: "
                + events(api, callSid) + phone.context());
    }

    /** Waits for {@code count} events of the call of {@code kind} ("dtmf") or verb events of that verb ("play"). */
    private static List<JsonNode> awaitEvents(ApiClient api, String callSid, String kindOrVerb, int count,
                                              long millis, BaresipPhone phone) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode e : api.get("/api/voice/logs/" + callSid + "/events?page_size=100").json().path("data")) {
                String kind = e.path("kind").asText();
                if (kind.equals(kindOrVerb)
                        || (kind.equals("verb") && e.path("detail").path("verb").asText().equals(kindOrVerb))) {
                    found.add(e);
                }
            }
            if (found.size() >= count) {
                return found;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("expected " + count + " '" + kindOrVerb + "' event(s) of call " + callSid
                        + "; events: " + events(api, callSid) + phone.context());
            }
            Thread.sleep(50);
        }
    }

    private static DocumentServer.Received awaitAction(DocumentServer app, String path, ApiClient api, String callSid,
                                                       BaresipPhone phone) {
        try {
            return app.awaitRequests(path, 1, 15_000).get(0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; sipyard's events: " + events(api, callSid)
                    + phone.context(), e);
        }
    }

    private static String events(ApiClient api, String callSid) {
        return api.get("/api/voice/logs/" + callSid + "/events?page_size=100").body();
    }

    private static byte[] sine(Path dir, int hz, int millis) throws IOException {
        Path f = dir.resolve(hz + ".wav");
        ToneAnalysis.writeSine(f, hz, 16000, millis / 1000.0);
        return Files.readAllBytes(f);
    }

    /**
     * A microphone for baresip in the format {@code codec} needs (aufile does not convert): a
     * half-scale sine at {@code hz} in every channel, or digital silence when {@code hz} is 0.
     */
    private static byte[] wav(Codec codec, int hz, int seconds) {
        int frames = codec.rate * seconds;
        int bytes = frames * 2 * codec.channels;
        ByteBuffer b = ByteBuffer.allocate(44 + bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + bytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) codec.channels).putInt(codec.rate)
                .putInt(codec.rate * 2 * codec.channels).putShort((short) (2 * codec.channels)).putShort((short) 16);
        b.put("data".getBytes()).putInt(bytes);
        for (int i = 0; i < frames; i++) {
            short v = (short) Math.round(16384 * Math.sin(2 * Math.PI * hz * i / codec.rate));
            for (int c = 0; c < codec.channels; c++) {
                b.putShort(v);
            }
        }
        return b.array();
    }
}
