package dev.sipyard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SDP a test phone offers, and what it reads from an answer. */
public final class TestSdp {
    private static final Pattern AUDIO_PORT = Pattern.compile("m=audio (\\d+) ");

    private TestSdp() {}

    /** An offer of PCMU with RFC 4733 events, receiving RTP on 127.0.0.1:{@code rtpPort}. */
    public static String offer(int rtpPort) {
        return "v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";
    }

    /** The port of the audio stream in {@code sdp} (which must have one). */
    public static int audioPort(String sdp) {
        Matcher m = AUDIO_PORT.matcher(sdp);
        assertThat(m.find()).as("an audio stream in the answer:\n%s", sdp).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
