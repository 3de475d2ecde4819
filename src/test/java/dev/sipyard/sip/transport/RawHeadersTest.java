package dev.sipyard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte-level Content-Length screen agrees with the text reading it stands in for. */
class RawHeadersTest {
    private static final String INVITE = "INVITE sip:bob@example.test SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1\r\n"
            + "From: <sip:alice@example.test>;tag=1\r\n"
            + "To: <sip:bob@example.test>\r\n"
            + "Call-ID: c1@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 4\r\n"
            + "\r\n"
            + "v=0\n";

    private static boolean plain(String message) {
        byte[] b = message.getBytes(StandardCharsets.ISO_8859_1);
        return RawHeaders.plainContentLength(b, b.length);
    }

    private static long textReading(String message) {
        return RawHeaders.parse(BadRequestReply.headBlock(message)).contentLength();
    }

    @Test
    void everydayMessagesNeedNoTextCopy() {
        List<String> everyday = List.of(INVITE,
                INVITE.replace("Content-Length: 4", "l:4"),
                INVITE.replace("Content-Length: 4\r\n", ""),
                INVITE.replace("\r\n", "\n"),
                "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-2\r\nContent-Length:  0 \r\n\r\n",
                "SIP/2.0 200 OK\r\nCONTENT-LENGTH\t: 0\r\n\r\n");
        for (String m : everyday) {
            assertThat(plain(m)).as(m).isTrue();
            assertThat(textReading(m)).as(m).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void anythingTheTextReadingMightRefuseIsLeftToIt() {
        String twoDifferent = INVITE.replace("Content-Length: 4\r\n", "Content-Length: 4\r\nl: 40\r\n");
        assertThat(plain(twoDifferent)).isFalse();
        assertThat(textReading(twoDifferent)).isEqualTo(-1);

        String notANumber = INVITE.replace("Content-Length: 4", "Content-Length: 4x");
        assertThat(plain(notANumber)).isFalse();
        assertThat(textReading(notANumber)).isEqualTo(-1);

        String foldedIntoALength = INVITE.replace("Content-Length: 4\r\n", "Content-Length\r\n : 7\r\nl: 4\r\n");
        assertThat(plain(foldedIntoALength)).isFalse();
        assertThat(textReading(foldedIntoALength)).isEqualTo(-1);

        String formFeedAfterName = INVITE.replace("Content-Length: 4\r\n", "Content-Length: 4\r\nl\f: 5\r\n");
        assertThat(plain(formFeedAfterName)).isFalse();
        assertThat(textReading(formFeedAfterName)).isEqualTo(-1);

        // "\n\r\n" is no end of the block in the text reading: the header after it still counts
        String lateLength = INVITE.replace("CSeq: 1 INVITE\r\n", "CSeq: 1 INVITE\n\r\nl: 9\r\n");
        assertThat(plain(lateLength)).isFalse();
        assertThat(textReading(lateLength)).isEqualTo(-1);

        // the same length twice is harmless, but rare enough to read as text
        String sameTwice = INVITE.replace("Content-Length: 4\r\n", "Content-Length: 4\r\nl: 4\r\n");
        assertThat(plain(sameTwice)).isFalse();
        assertThat(textReading(sameTwice)).isEqualTo(4);
    }

    /** Random edits of an INVITE: whenever the byte screen passes a message, the text reading accepts it too. */
    @Test
    void theByteScreenNeverPassesWhatTheTextReadingRefuses() {
        long seed = System.nanoTime();
        System.out.println("RawHeadersTest seed " + seed);
        Random random = new Random(seed);
        String[] pieces = {":", " ", "\t", "\r", "\n", "\r\n", "l", "L", "5", "x", "\f", "\u00a0", "\u0085",
                "Content-Length", "l: 7\r\n", "Content-Length :8\r\n", " l: 5\r\n", "\r\n\r\n", "\n\n", "\n\r\n"};
        int passed = 0;
        for (int run = 0; run < 20_000; run++) {
            StringBuilder m = new StringBuilder(INVITE);
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                int at = random.nextInt(m.length() + 1);
                String piece = pieces[random.nextInt(pieces.length)];
                if (random.nextBoolean() && at < m.length()) {
                    m.replace(at, Math.min(m.length(), at + piece.length()), piece);
                } else {
                    m.insert(at, piece);
                }
            }
            String message = m.toString();
            if (plain(message)) {
                passed++;
                assertThat(textReading(message)).as("seed %d, message:%n%s", seed, message)
                        .isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(passed).as("edits that leave the headers plain still pass the screen").isGreaterThan(1_000);
    }
}
