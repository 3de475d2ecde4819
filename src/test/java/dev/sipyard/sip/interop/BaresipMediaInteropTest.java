package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real baresip phone calls an endpoint whose document sipyard answers itself: what baresip
 * decodes (the sndfile filter writes it to a WAV) must hold the played tone and the spoken prompt,
 * the DTMF baresip sends (RFC 4733, asked for through its ctrl_tcp module) must reach the
 * {@code <Gather>} action, and a {@code <Record>} must store the tone baresip sends.
 */
class BaresipMediaInteropTest {
    private static final String PASSWORD = "Media-Caller-Secret-77";
    private static final int PLAYED_HZ = 800;
    private static final int PLAYED_MILLIS = 1500;
    private static final int CALLER_HZ = 600;
    /** A frame louder than this is sound, not the silence sipyard sends between prompts. */
    private static final double SOUND_RMS = 500;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void baresipHearsTheToneAndThePromptAndItsDigitsReachTheGatherAction(Backend backend) throws Exception {
        String baresip = Peers.require("baresip");
        Path root = Files.createTempDirectory("baresip-media");
        Path played = root.resolve("played.wav");
        ToneAnalysis.writeSine(played, PLAYED_HZ, 16000, PLAYED_MILLIS / 1000.0);
        Path quiet = root.resolve("quiet.wav");
        Files.write(quiet, silentWav(8000, 40));
        try (TestServer server = TestServer.start(backend); DocumentServer app = new DocumentServer()) {
            ApiClient api = server.newProject("baresip-media");
            app.file("/tone.wav", "audio/wav", Files.readAllBytes(played));
            app.cxml("/voice", "<Response><Play>/tone.wav</Play><Say>Please enter two digits</Say>"
                    + "<Gather numDigits=\"2\" timeout=\"15\" action=\"/digits\"><Say>Now</Say></Gather>"
                    + "<Say>Nothing was entered</Say></Response>");
            app.cxml("/digits", "<Response><Hangup/></Response>");
            String domain = answeringEndpoint(api, app);

            try (Phone alice = Phone.start(baresip, root.resolve("alice"), domain, server, quiet)) {
                long dialled = System.currentTimeMillis();
                alice.control.command("dial", "ivr", 5000);
                alice.awaitEvent("CALL_ESTABLISHED", 10_000);
                long established = System.currentTimeMillis();
                String callSid = app.awaitRequests("/voice", 1, 5000).get(0).form().get("CallSid");

                // the <Play> and the <Say> are over once both logged their verb: the <Gather> listens
                List<JsonNode> prompts = awaitEvents(api, callSid, "play", 2, 15_000, alice);
                alice.control.command("sndcode", "4", 5000);
                awaitEvents(api, callSid, "dtmf", 1, 5000, alice);
                alice.control.command("sndcode", "2", 5000);

                DocumentServer.Received digits = awaitAction(app, "/digits", api, callSid, alice);
                assertThat(digits.form()).as("the Gather action's form").containsEntry("Digits", "42")
                        .containsEntry("CallSid", callSid);
                alice.awaitEvent("CALL_CLOSED", 10_000); // the action's <Hangup>
                double callSeconds = (System.currentTimeMillis() - established) / 1000.0;
                alice.stop();

                ToneAnalysis.Pcm heard = ToneAnalysis.read(alice.decodedAudio());
                String context = alice.context() + "\nsipyard's events: " + events(api, callSid);
                assertThat(heard.seconds()).as("seconds baresip decoded (call lasted %.1f s from the answer, "
                        + "%.1f s from the dial)%s", callSeconds, (established - dialled) / 1000.0 + callSeconds,
                        context).isBetween(callSeconds - 1.5, callSeconds + 1.0);

                int onset = firstSound(heard);
                assertThat(onset).as("where the first sound starts%s", context).isGreaterThanOrEqualTo(0);
                int toneEnd = endOfTone(heard, onset, PLAYED_HZ);
                double toneMillis = (toneEnd - onset) * 1000.0 / heard.sampleRate();
                assertThat(toneMillis).as("milliseconds of the %d Hz tone from %.2f s%s", PLAYED_HZ,
                        onset / (double) heard.sampleRate(), context).isBetween(PLAYED_MILLIS - 150.0,
                        PLAYED_MILLIS + 150.0);
                short[] tone = slice(heard.samples(), onset, toneEnd);
                assertThat(ToneAnalysis.dominantFrequency(tone, heard.sampleRate())).as("the tone's frequency%s",
                        context).isBetween(PLAYED_HZ - 20.0, PLAYED_HZ + 20.0);
                assertThat(ToneAnalysis.rms(tone)).as("the tone's level (a half-scale sine is ~11600)%s", context)
                        .isGreaterThan(8000);

                int sayMillis = prompts.get(1).path("detail").path("ms").asInt();
                assertThat(sayMillis).as("how long sipyard says the prompt took").isGreaterThan(500);
                short[] afterTone = slice(heard.samples(), toneEnd,
                        Math.min(heard.samples().length, toneEnd + sayMillis * heard.sampleRate() / 1000));
                assertThat(ToneAnalysis.rms(afterTone)).as("level of the spoken prompt after the tone%s", context)
                        .isGreaterThan(SOUND_RMS);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRecordingHoldsTheToneBaresipSends(Backend backend) throws Exception {
        String baresip = Peers.require("baresip");
        Path root = Files.createTempDirectory("baresip-record");
        Path sent = root.resolve("sent.wav");
        ToneAnalysis.writeSine(sent, CALLER_HZ, 8000, 40);
        try (TestServer server = TestServer.start(backend); DocumentServer app = new DocumentServer()) {
            ApiClient api = server.newProject("baresip-record");
            app.cxml("/voice", "<Response><Record maxLength=\"3\" timeout=\"0\" playBeep=\"false\" "
                    + "action=\"/recorded\"/></Response>");
            app.cxml("/recorded", "<Response><Hangup/></Response>");
            String domain = answeringEndpoint(api, app);

            try (Phone alice = Phone.start(baresip, root.resolve("alice"), domain, server, sent)) {
                alice.control.command("dial", "voicemail", 5000);
                alice.awaitEvent("CALL_ESTABLISHED", 10_000);
                String callSid = app.awaitRequests("/voice", 1, 5000).get(0).form().get("CallSid");
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
                        .isGreaterThan(2000);
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

    /** A baresip process with alice's account, driven through ctrl_tcp; its decoded audio goes to WAV files. */
    private static final class Phone implements AutoCloseable {
        final Path dir;
        final Process process;
        final BaresipControl control;

        private Phone(Path dir, Process process, BaresipControl control) {
            this.dir = dir;
            this.process = process;
            this.control = control;
        }

        static Phone start(String baresip, Path dir, String domain, TestServer server, Path source)
                throws Exception {
            Files.createDirectories(dir);
            int controlPort = SippInteropTest.freePort();
            Files.writeString(dir.resolve("accounts"), "<sip:alice@" + domain + ">;auth_pass=" + PASSWORD
                    + ";outbound=\"sip:127.0.0.1:" + server.sipPorts().udp() + "\";regint=0\n");
            Files.writeString(dir.resolve("config"), String.join("\n",
                    "poll_method epoll",
                    "sip_listen 127.0.0.1:" + SippInteropTest.freePort(),
                    "net_interface 127.0.0.1",
                    "rtp_ports 21000-21999",
                    "module_path /usr/lib/baresip/modules",
                    "module g711.so",
                    "module aufile.so",
                    "module aubridge.so",
                    "module sndfile.so",
                    "module menu.so",
                    "module_app account.so",
                    "module_app ctrl_tcp.so",
                    "ctrl_tcp_listen 127.0.0.1:" + controlPort,
                    "snd_path " + dir,
                    "audio_source aufile," + source,
                    "audio_player aubridge,alice",
                    "") + "\n");
            Process p = Processes.start(List.of(baresip, "-s", "-f", dir.toString(), "-t", "40"), dir,
                    dir.resolve("baresip.log"));
            try {
                return new Phone(dir, p, BaresipControl.connect(controlPort, p, 10_000));
            } catch (Throwable e) {
                Processes.stop(p);
                throw e;
            }
        }

        void awaitEvent(String type, long millis) throws InterruptedException {
            if (control.awaitEvent(type, millis) == null) {
                throw new AssertionError("baresip reported no " + type + " within " + millis + " ms" + context());
            }
        }

        /** The WAV of what baresip decoded from sipyard (complete once the call closed). */
        Path decodedAudio() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().matches("dump-.*-dec\\.wav")).findFirst()
                        .orElseThrow(() -> new AssertionError("baresip wrote no decoded audio" + context()));
            }
        }

        /** baresip's log and control messages, for failure messages. */
        String context() {
            String log;
            try {
                log = Files.readString(dir.resolve("baresip.log"));
            } catch (IOException e) {
                log = e.toString();
            }
            return "\nbaresip's control messages: " + control.messages() + "\nbaresip's log:\n" + log;
        }

        void stop() {
            Processes.stop(process);
        }

        @Override
        public void close() throws IOException {
            control.close();
            Processes.stop(process);
        }
    }

    /** Waits for {@code count} events of the call of {@code kind} ("dtmf") or verb events of that verb ("play"). */
    private static List<JsonNode> awaitEvents(ApiClient api, String callSid, String kindOrVerb, int count,
                                              long millis, Phone phone) throws InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        boolean came = await(() -> {
            found.clear();
            for (JsonNode e : api.get("/api/voice/logs/" + callSid + "/events?page_size=100").json().path("data")) {
                if (e.path("kind").asText().equals(kindOrVerb)
                        || (e.path("kind").asText().equals("verb")
                        && e.path("detail").path("verb").asText().equals(kindOrVerb))) {
                    found.add(e);
                }
            }
            return found.size() >= count;
        }, millis);
        if (!came) {
            throw new AssertionError("expected " + count + " '" + kindOrVerb + "' event(s) of call " + callSid
                    + "; events: " + events(api, callSid) + phone.context());
        }
        return List.copyOf(found);
    }

    private static DocumentServer.Received awaitAction(DocumentServer app, String path, ApiClient api, String callSid,
                                                       Phone phone) {
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

    private static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** The first sample of the first 20 ms frame louder than {@link #SOUND_RMS}; -1 when all is quiet. */
    static int firstSound(ToneAnalysis.Pcm pcm) {
        int frame = pcm.sampleRate() / 50;
        for (int start = 0; start + frame <= pcm.samples().length; start += frame) {
            if (ToneAnalysis.rms(slice(pcm.samples(), start, start + frame)) > SOUND_RMS) {
                return start;
            }
        }
        return -1;
    }

    /**
     * Where the tone that starts at {@code from} ends: the end of the last of the consecutive
     * 32 ms blocks, from there on, whose strongest frequency is {@code hz}.
     */
    static int endOfTone(ToneAnalysis.Pcm pcm, int from, int hz) {
        int block = pcm.sampleRate() * 32 / 1000;
        int end = from;
        while (end + block <= pcm.samples().length) {
            short[] b = slice(pcm.samples(), end, end + block);
            if (Math.abs(ToneAnalysis.dominantFrequency(b, pcm.sampleRate()) - hz) > 20
                    || ToneAnalysis.rms(b) < SOUND_RMS) {
                break;
            }
            end += block;
        }
        return end;
    }

    private static short[] slice(short[] s, int from, int to) {
        return java.util.Arrays.copyOfRange(s, from, to);
    }

    /** A mono 16-bit WAV of {@code seconds} of digital silence. */
    private static byte[] silentWav(int rate, int seconds) {
        int bytes = rate * seconds * 2;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + bytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(bytes);
        return b.array();
    }
}
