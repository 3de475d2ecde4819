package dev.sipyard.sip.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a SIP byte stream (TCP, TLS) into messages by their Content-Length, reading headers the way
 * RFC 3261 allows them (compact forms, whitespace before the colon, folding), and hands each on
 * rewritten so that JAIN-SIP's naive stream parser frames it the same way: one
 * {@code Content-Length: n} and a long-form {@code Call-ID} line. A message whose Content-Length
 * headers disagree or are not a number, or that has no Call-ID, cannot be framed safely: the
 * stream is refused from there on.
 */
final class SipStreamFramer {
    /** What to do with the next piece of the stream. */
    sealed interface Frame {
        /** Bytes for the stack: one whole message, or keep-alive line breaks between messages. */
        record Pass(byte[] bytes) implements Frame {}

        /** Answer this request (if it can be answered), then close the stream. */
        record Refuse(String request, int size) implements Frame {}

        /** The message is larger than allowed: close the stream. */
        record TooLarge() implements Frame {}
    }

    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int maxMessageSize;
    private byte[] pending = new byte[0];
    private boolean stopped;

    SipStreamFramer(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** Takes the next bytes of the stream and returns what they complete, in order. */
    List<Frame> feed(byte[] bytes) {
        List<Frame> out = new ArrayList<>();
        if (stopped) {
            return out;
        }
        pending = concat(pending, bytes);
        while (pending.length > 0 && !stopped) {
            int breaks = leadingLineBreaks();
            if (breaks > 0) {
                out.add(new Frame.Pass(Arrays.copyOf(pending, breaks)));
                pending = Arrays.copyOfRange(pending, breaks, pending.length);
                continue;
            }
            Frame next = nextMessage();
            if (next == null) {
                break;
            }
            out.add(next);
            stopped = !(next instanceof Frame.Pass);
        }
        return out;
    }

    private Frame nextMessage() {
        int end = indexOf(pending, END);
        if (end < 0) {
            return pending.length > maxMessageSize ? new Frame.TooLarge() : null;
        }
        String head = new String(pending, 0, end, StandardCharsets.UTF_8);
        RawHeaders headers = RawHeaders.parse(head);
        long length = headers.contentLength();
        int bodyStart = end + END.length;
        if (length < 0 || headers.values("Call-ID").isEmpty()) {
            return new Frame.Refuse(head, bodyStart);
        }
        if (bodyStart + length > maxMessageSize) {
            return new Frame.TooLarge();
        }
        int total = bodyStart + (int) length;
        if (pending.length < total) {
            return null;
        }
        byte[] normalHead = normalise(head, length).getBytes(StandardCharsets.UTF_8);
        byte[] message = concat(normalHead, Arrays.copyOfRange(pending, bodyStart, total));
        pending = Arrays.copyOfRange(pending, total, pending.length);
        return new Frame.Pass(message);
    }

    /** The header block with every Content-Length replaced by one, Call-ID in long form, CRLF line ends. */
    private static String normalise(String head, long length) {
        String[] lines = head.split("\r?\n");
        StringBuilder out = new StringBuilder(head.length() + 32).append(lines[0]).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            String name = colon > 0 && !continuation ? RawHeaders.canonical(line.substring(0, colon).strip()) : "";
            if (name.equals("Content-Length")) {
                continue;
            }
            if (name.equals("Call-ID")) {
                line = "Call-ID: " + line.substring(colon + 1).strip();
            }
            out.append(line).append("\r\n");
        }
        return out.append("Content-Length: ").append(length).append("\r\n\r\n").toString();
    }

    private int leadingLineBreaks() {
        int i = 0;
        while (i < pending.length && (pending[i] == '\r' || pending[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= data.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
