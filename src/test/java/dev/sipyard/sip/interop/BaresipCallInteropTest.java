package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two real baresip phones call each other through sipyard with real RTP between them: alice
 * plays a 1000 Hz tone (a WAV through the aufile source, PCMU), bob auto-answers and the sndfile
 * filter writes what bob decoded to a WAV; that recording must hold the tone. The signalling
 * (REGISTER, INVITE with 407, 200, ACK, BYE) goes through sipyard; the media goes phone to phone.
 */
class BaresipCallInteropTest {
    private static final int TONE_HZ = 1000;
    private static final int CALL_SECONDS = 4;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aliceCallsBobAndBobHearsTheTone(Backend backend) throws Exception {
        String baresip = Peers.require("baresip");
        try (TestServer server = TestServer.start(backend)) {
            ApiClient api = server.newProject("baresip-calls");
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            String outbound = "sip:127.0.0.1:" + server.sipPorts().udp();
            Path root = Files.createTempDirectory("baresip-call");
            Path tone = root.resolve("tone.wav");
            ToneAnalysis.writeSine(tone, TONE_HZ, 8000, 30);

            String bobId = createEndpoint(api, "bob", "Tone-Listener-Secret-77");
            createEndpoint(api, "alice", "Tone-Player-Secret-77");
            Path bobDir = phoneConfig(root.resolve("bob"), "bob", "Tone-Listener-Secret-77", domain, outbound,
                    ";answermode=auto", "audio_source aubridge,bob", "audio_player aubridge,bob", 20000);
            Path aliceDir = phoneConfig(root.resolve("alice"), "alice", "Tone-Player-Secret-77", domain, outbound,
                    "", "audio_source aufile," + tone, "audio_player aubridge,alice", 20100);

            Process bob = Processes.start(List.of(baresip, "-f", bobDir.toString(), "-t", "30"), bobDir,
                    bobDir.resolve("baresip.log"));
            Process alice = null;
            try {
                awaitRegistration(api, bobId, bob, bobDir.resolve("baresip.log"));
                alice = Processes.start(List.of(baresip, "-f", aliceDir.toString(), "-e", "/dial bob", "-t",
                        String.valueOf(CALL_SECONDS + 2)), aliceDir, aliceDir.resolve("baresip.log"));
                Path recording = awaitRecording(bobDir, alice, aliceDir);
                awaitLog(bobDir.resolve("baresip.log"), "terminated", 5_000);
                String logs = "\nalice:\n" + Files.readString(aliceDir.resolve("baresip.log")) + "\nbob:\n"
                        + Files.readString(bobDir.resolve("baresip.log"));

                assertThat(Files.readString(bobDir.resolve("baresip.log"))).as("bob's side of the call%s", logs)
                        .contains("Call established: sip:alice@" + domain)
                        .contains("Call with sip:alice@" + domain + " terminated");
                ToneAnalysis.Pcm heard = ToneAnalysis.read(recording);
                assertThat(heard.seconds()).as("seconds bob recorded%s", logs).isGreaterThan(1.0);
                double level = ToneAnalysis.rms(heard.samples());
                assertThat(level).as("RMS level of what bob heard (a half-scale sine is ~11600)%s", logs)
                        .isGreaterThan(2000);
                assertThat(ToneAnalysis.dominantFrequency(heard.samples(), heard.sampleRate()))
                        .as("strongest frequency bob heard%s", logs).isBetween(TONE_HZ - 25.0, TONE_HZ + 25.0);
            } finally {
                Processes.stop(alice);
                Processes.stop(bob);
            }
        }
    }

    private static String createEndpoint(ApiClient api, String username, String password) {
        return api.post("/api/fabric/resources/sip_endpoints", Map.of("username", username, "password", password))
                .json().get("id").asText();
    }

    /** A baresip config folder: one account through sipyard, G.711, its own SIP and RTP ports. */
    private static Path phoneConfig(Path dir, String user, String password, String domain, String outbound,
                                    String accountParams, String source, String player, int rtpBase)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("accounts"), "<sip:" + user + "@" + domain + ">;auth_pass=" + password
                + ";outbound=\"" + outbound + "\";regint=600" + accountParams + "\n");
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:0", // baresip picks free ports itself: no window in which another process takes one
                "net_interface 127.0.0.1",
                "rtp_ports " + rtpBase + "-" + (rtpBase + 99),
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module aubridge.so",
                "module sndfile.so",
                "module menu.so",
                "module_app account.so",
                "snd_path " + dir,
                source,
                player,
                "") + "\n");
        return dir;
    }

    private static void awaitRegistration(ApiClient api, String endpointId, Process phone, Path log)
            throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && phone.isAlive()) {
            if (!api.get("/api/fabric/resources/sip_endpoints/" + endpointId + "/registrations").json().get("data")
                    .isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("bob did not register: " + Files.readString(log));
    }

    /** Waits until {@code log} contains {@code text} (alice's BYE reaching bob), or the deadline passes. */
    private static void awaitLog(Path log, String text, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline && !read(log).contains(text)) {
            Thread.sleep(100);
        }
    }

    /** Bob's recording of what it decoded, once alice has hung up (or after a deadline). */
    private static Path awaitRecording(Path bobDir, Process alice, Path aliceDir) throws Exception {
        long deadline = System.currentTimeMillis() + (CALL_SECONDS + 12) * 1000L;
        while (System.currentTimeMillis() < deadline && alice.isAlive()) {
            Thread.sleep(100);
        }
        try (Stream<Path> files = Files.list(bobDir)) {
            return files.filter(p -> p.getFileName().toString().matches("dump-.*-dec\\.wav")).findFirst()
                    .orElseThrow(() -> new AssertionError("bob wrote no decoded audio; files: " + list(bobDir)
                            + "\nalice:\n" + read(aliceDir.resolve("baresip.log")) + "\nbob:\n"
                            + read(bobDir.resolve("baresip.log"))));
        }
    }

    private static String list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList().toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
