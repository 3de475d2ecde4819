package dev.sipyard.sip.interop;

import dev.sipyard.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One baresip process with one account that calls through sipyard, driven through its ctrl_tcp
 * module. Its microphone is a WAV file (aufile); the sndfile filter writes what it decodes from
 * the other side to {@code dump-*-dec.wav} in its folder, as the audio arrives.
 */
final class BaresipPhone implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final BaresipControl control;

    private BaresipPhone(Path dir, Process process, BaresipControl control) {
        this.dir = dir;
        this.process = process;
        this.control = control;
    }

    /**
     * Starts baresip in {@code dir} as {@code user@domain}, sending INVITEs to sipyard's UDP port,
     * with the audio codecs of {@code codecModules} (e.g. "g711", in the offer's order).
     */
    static BaresipPhone start(String baresip, Path dir, String user, String password, String domain, int sipPort,
                              Path microphone, List<String> codecModules) throws Exception {
        Files.createDirectories(dir);
        int controlPort = SippInteropTest.freePort();
        Files.writeString(dir.resolve("accounts"), "<sip:" + user + "@" + domain + ">;auth_pass=" + password
                + ";outbound=\"sip:127.0.0.1:" + sipPort + "\";regint=0\n");
        List<String> config = new ArrayList<>(List.of(
                "poll_method epoll",
                "sip_listen 127.0.0.1:0", // baresip picks free ports itself: no window in which another process takes one
                "net_interface 127.0.0.1",
                "rtp_ports 21000-21999",
                "module_path /usr/lib/baresip/modules"));
        codecModules.forEach(m -> config.add("module " + m + ".so"));
        config.addAll(List.of(
                "module aufile.so",
                "module aubridge.so",
                "module sndfile.so",
                "module menu.so",
                "module_app account.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen 127.0.0.1:" + controlPort,
                "snd_path " + dir,
                "audio_source aufile," + microphone,
                "audio_player aubridge," + user));
        Files.writeString(dir.resolve("config"), String.join("\n", config) + "\n");
        Process p = Processes.start(List.of(baresip, "-s", "-f", dir.toString(), "-t", "60"), dir,
                dir.resolve("baresip.log"));
        try {
            return new BaresipPhone(dir, p, BaresipControl.connect(controlPort, p, 10_000));
        } catch (Throwable e) {
            Processes.stop(p);
            throw e;
        }
    }

    /** Runs a ctrl_tcp command ("dial", "sndcode", "hangup", ...); fails unless baresip reports it done. */
    void command(String command, String params) throws Exception {
        control.command(command, params, 5000);
    }

    /** Waits for a call event (CALL_ESTABLISHED, CALL_CLOSED, ...); fails when none comes in time. */
    void awaitEvent(String type, long millis) throws InterruptedException {
        if (control.awaitEvent(type, millis) == null) {
            throw new AssertionError("baresip reported no " + type + " within " + millis + " ms" + context());
        }
    }

    /** The WAV of what baresip decoded so far, once the call has audio. */
    Optional<Path> decodedAudio() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("dump-.*-dec\\.wav")).findFirst();
        }
    }

    /** baresip's control messages and log (with its SIP trace), for failure messages. */
    String context() {
        String log;
        try {
            log = Files.readString(dir.resolve("baresip.log"));
        } catch (IOException e) {
            log = e.toString();
        }
        return "\nbaresip's control messages: " + control.messages() + "\nbaresip's log:\n" + log;
    }

    /** Ends the process (which closes its recordings). */
    void stop() {
        Processes.stop(process);
    }

    @Override
    public void close() throws IOException {
        control.close();
        Processes.stop(process);
    }
}
