package dev.sipyard.sip.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header block of a SIP message as text, read without JAIN-SIP: its start line and its header
 * lines with canonical names (compact forms expanded, whitespace before the colon and folded
 * continuation lines allowed, RFC 3261 §7.3). Enough to frame a message on a stream, to spot
 * conflicting Content-Length headers, and to answer a request JAIN-SIP cannot parse.
 */
final class RawHeaders {
    /** One header line: its canonical name and its value as sent (folded lines joined). */
    record Line(String name, String value) {}

    private final String startLine;
    private final List<Line> lines;

    private RawHeaders(String startLine, List<Line> lines) {
        this.startLine = startLine;
        this.lines = lines;
    }

    /** Reads the header block (the text up to, not including, the empty line; CRLF or bare LF). */
    static RawHeaders parse(String head) {
        String[] raw = head.split("\r?\n", -1);
        List<String> joined = new ArrayList<>();
        for (int i = 1; i < raw.length; i++) {
            String l = raw[i];
            if (!l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '\t') && !joined.isEmpty()) {
                joined.set(joined.size() - 1, joined.get(joined.size() - 1) + " " + l.strip());
            } else if (!l.isEmpty()) {
                joined.add(l);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (String l : joined) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                String name = canonical(l.substring(0, colon).strip());
                lines.add(new Line(name, l.substring(colon + 1).strip()));
            }
        }
        return new RawHeaders(raw.length == 0 ? "" : raw[0], lines);
    }

    /** The long name of a header (compact forms of RFC 3261 §7.3.3 and the registry), others as sent. */
    static String canonical(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "i", "call-id" -> "Call-ID";
            case "l", "content-length" -> "Content-Length";
            case "v", "via" -> "Via";
            case "f", "from" -> "From";
            case "t", "to" -> "To";
            case "m", "contact" -> "Contact";
            case "c", "content-type" -> "Content-Type";
            case "e", "content-encoding" -> "Content-Encoding";
            case "k", "supported" -> "Supported";
            case "s", "subject" -> "Subject";
            case "cseq" -> "CSeq";
            default -> name;
        };
    }

    String startLine() {
        return startLine;
    }

    /** True for a request line other than ACK (a response or an ACK is never answered). */
    boolean isAnswerableRequest() {
        return !startLine.startsWith("SIP/") && !startLine.startsWith("ACK ") && startLine.indexOf(' ') > 0;
    }

    /** Every value of a header, by canonical name. */
    List<String> values(String canonicalName) {
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            if (l.name().equalsIgnoreCase(canonicalName)) {
                out.add(l.value());
            }
        }
        return out;
    }

    List<Line> lines() {
        return lines;
    }

    /**
     * The body length the Content-Length headers state: 0 without one, -1 when they are not one
     * well-formed number (two different values, a negative or non-numeric one).
     */
    long contentLength() {
        long found = -2;
        for (String v : values("Content-Length")) {
            long n = parseLength(v);
            if (n < 0 || (found != -2 && found != n)) {
                return -1;
            }
            found = n;
        }
        return found == -2 ? 0 : found;
    }

    /**
     * True when a message's header block, read as bytes, plainly has no conflicting Content-Length:
     * at most one such header (long or compact name), its value 1-9 digits, no folded lines and no
     * byte that could make the text reading differ (control or non-ASCII characters around names).
     * Then {@code parse(...).contentLength()} is not -1, and a datagram needs no text copy to be
     * screened. False means "read it as text", not "refuse".
     */
    static boolean plainContentLength(byte[] b, int length) {
        if (length == 0 || b[0] == '\r' || b[0] == '\n') {
            return false;
        }
        int i = 0;
        while (i < length && b[i] != '\n') {
            i++;
        }
        i++;
        boolean seen = false;
        while (i < length) {
            int eol = i;
            while (eol < length && b[eol] != '\n') {
                eol++;
            }
            int end = eol > i && b[eol - 1] == '\r' ? eol - 1 : eol;
            if (end == i) {
                // an empty line ends the block only where the text reading ends it too: CRLF CRLF or LF LF
                boolean crlf = b[i] == '\r';
                return crlf ? i >= 2 && b[i - 2] == '\r' : b[i - 1] == '\n';
            }
            if (b[i] == ' ' || b[i] == '\t') {
                return false; // folded: the text reading joins it to the header before
            }
            int colon = i;
            while (colon < end && b[colon] != ':') {
                colon++;
            }
            if (colon < end) {
                int nameEnd = colon;
                while (nameEnd > i && (b[nameEnd - 1] == ' ' || b[nameEnd - 1] == '\t')) {
                    nameEnd--;
                }
                for (int k = i; k < nameEnd; k++) {
                    int c = b[k] & 0xff;
                    if (c <= ' ' || c >= 0x7f) {
                        return false;
                    }
                }
                if (isContentLengthName(b, i, nameEnd)) {
                    if (seen || !plainDigits(b, colon + 1, end)) {
                        return false;
                    }
                    seen = true;
                }
            }
            i = eol + 1;
        }
        return true;
    }

    private static boolean isContentLengthName(byte[] b, int from, int to) {
        String longName = "content-length";
        if (to - from == 1) {
            return (b[from] | 0x20) == 'l';
        }
        if (to - from != longName.length()) {
            return false;
        }
        for (int k = 0; k < longName.length(); k++) {
            byte c = b[from + k];
            if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != longName.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plainDigits(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        if (to == from || to - from > 9) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (b[k] < '0' || b[k] > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parseLength(String v) {
        if (v.isEmpty() || v.length() > 9) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(v);
    }
}
