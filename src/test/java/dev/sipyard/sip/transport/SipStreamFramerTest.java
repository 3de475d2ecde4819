package dev.sipyard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipStreamFramerTest {
    private static final String HEAD = "OPTIONS sip:x.example SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
            + "From: <sip:a@x.example>;tag=1\r\nTo: <sip:a@x.example>\r\nCSeq: 1 OPTIONS\r\n";

    private static List<SipStreamFramer.Frame> feed(SipStreamFramer framer, String text) {
        return framer.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String passed(SipStreamFramer.Frame frame) {
        assertThat(frame).isInstanceOf(SipStreamFramer.Frame.Pass.class);
        return new String(((SipStreamFramer.Frame.Pass) frame).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void compactAndSpacedHeadersAreRewrittenForTheStackEvenByteByByte() {
        SipStreamFramer framer = new SipStreamFramer(16384);
        String message = HEAD + "i: abc\r\nl : 4\r\n\r\nbody";
        List<SipStreamFramer.Frame> frames = new ArrayList<>();
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            frames.addAll(framer.feed(new byte[] {b}));
        }
        assertThat(frames).hasSize(1);
        String out = passed(frames.get(0));
        assertThat(out).contains("\r\nCall-ID: abc\r\n").endsWith("\r\nContent-Length: 4\r\n\r\nbody")
                .doesNotContain("l : 4").doesNotContain("i: abc");
    }

    @Test
    void twoMessagesInOneChunkAndKeepAlivesBetweenThem() {
        SipStreamFramer framer = new SipStreamFramer(16384);
        String one = HEAD + "Call-ID: one\r\nContent-Length: 2\r\n\r\nhi";
        String two = HEAD + "Call-ID: two\r\n\r\n";
        List<SipStreamFramer.Frame> frames = feed(framer, one + "\r\n\r\n" + two);
        assertThat(frames).hasSize(3);
        assertThat(passed(frames.get(0))).contains("Call-ID: one").endsWith("hi");
        assertThat(passed(frames.get(1))).isEqualTo("\r\n\r\n");
        assertThat(passed(frames.get(2))).contains("Call-ID: two").endsWith("Content-Length: 0\r\n\r\n");
    }

    @Test
    void identicalContentLengthsBecomeOne() {
        String out = passed(feed(new SipStreamFramer(16384), HEAD + "Call-ID: x\r\nContent-Length: 2\r\nl: 2\r\n\r\nhi")
                .get(0));
        assertThat(out.split("Content-Length", -1)).hasSize(2);
    }

    @Test
    void conflictingOrMalformedContentLengthOrNoCallIdRefusesTheStream() {
        for (String bad : List.of("Call-ID: x\r\nContent-Length: 0\r\nContent-Length: 30\r\n",
                "Call-ID: x\r\nContent-Length: -5\r\n", "Call-ID: x\r\nContent-Length: 4x\r\n",
                "Call-ID: x\r\nContent-Length: 99999999999\r\n", "Content-Length: 0\r\n")) {
            SipStreamFramer framer = new SipStreamFramer(16384);
            List<SipStreamFramer.Frame> frames = feed(framer, HEAD + bad + "\r\n");
            assertThat(frames).as(bad).singleElement().isInstanceOf(SipStreamFramer.Frame.Refuse.class);
            assertThat(feed(framer, HEAD + "Call-ID: y\r\n\r\n")).as("nothing after a refusal").isEmpty();
        }
    }

    @Test
    void tooLargeHeadersOrBodiesStopTheStream() {
        SipStreamFramer framer = new SipStreamFramer(1000);
        assertThat(feed(framer, HEAD + "X: " + "a".repeat(2000))).singleElement()
                .isInstanceOf(SipStreamFramer.Frame.TooLarge.class);
        assertThat(feed(new SipStreamFramer(1000), HEAD + "Call-ID: x\r\nContent-Length: 5000\r\n\r\n"))
                .singleElement().isInstanceOf(SipStreamFramer.Frame.TooLarge.class);
    }

    @Test
    void anIncompleteMessageWaits() {
        SipStreamFramer framer = new SipStreamFramer(16384);
        assertThat(feed(framer, HEAD + "Call-ID: x\r\nContent-Length: 4\r\n\r\nbo")).isEmpty();
        assertThat(passed(feed(framer, "dy").get(0))).endsWith("body");
    }
}
