package dev.sipyard.sip.transport;

import dev.sipyard.sip.registrar.ContactSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a REGISTER datagram without JAIN-SIP: the request line and the headers a registrar needs
 * (Via, From, To, Call-ID, CSeq, Contact, Expires, Authorization, Max-Forwards, User-Agent,
 * Content-Length; compact forms, case-insensitive names, folded lines and whitespace before the
 * colon as RFC 3261 §7.3.1 allows). It is deliberately narrow: whatever it does not fully
 * understand (a body, an IPv6 or escaped URI, Require, a Via list in one header, bytes outside
 * printable ASCII, ...) is refused with {@link NotLean}, and the caller hands the datagram to
 * JAIN-SIP, so a message never gets a different answer than JAIN-SIP's path would give.
 * Bounded: one pass over at most {@value #MAX_BYTES} bytes and {@value #MAX_HEADERS} headers.
 */
final class LeanRegisterParser {
    static final int MAX_BYTES = 16_384;
    static final int MAX_HEADERS = 64;
    private static final long MAX_INT = Integer.MAX_VALUE;
    /** Headers whose text is used as it is (not just parsed), so a fold would change it. */
    private static final java.util.Set<String> VERBATIM = java.util.Set.of("user-agent", "call-id", "i",
            "authorization", "from", "f", "to", "t", "via", "v");
    private static final byte[] PREFIX = "REGISTER ".getBytes(StandardCharsets.US_ASCII);

    /** The message is not one this parser answers; it goes to JAIN-SIP. Carries no stack trace. */
    static final class NotLean extends Exception {
        NotLean(String why) {
            super(why, null, false, false);
        }
    }

    private LeanRegisterParser() {}

    /** True when the datagram starts with {@code REGISTER }: the only ones worth parsing here. */
    static boolean startsAsRegister(byte[] b, int off, int len) {
        if (len < PREFIX.length) {
            return false;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (b[off + i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    static LeanRegister parse(byte[] b, int off, int len) throws NotLean {
        if (len > MAX_BYTES || !startsAsRegister(b, off, len)) {
            throw new NotLean("not a REGISTER of a size we read");
        }
        int headLen = headerBlockLength(b, off, len);
        if (headLen + 4 != len) {
            throw new NotLean("a body");
        }
        String head = new String(b, off, headLen, StandardCharsets.ISO_8859_1);
        java.util.BitSet folded = new java.util.BitSet();
        List<String> lines = unfold(head, folded);
        return readHeaders(requestUri(lines.get(0)), lines, folded);
    }

    /**
     * The length of the header block up to (not including) the CRLF CRLF that ends it; refuses
     * bare CR or LF, control characters and bytes above 0x7e, and a block that never ends.
     */
    private static int headerBlockLength(byte[] b, int off, int len) throws NotLean {
        int end = off + len;
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xff;
            if (c == '\r') {
                if (i + 1 >= end || b[i + 1] != '\n') {
                    throw new NotLean("bare CR");
                }
                if (i + 3 < end && b[i + 2] == '\r' && b[i + 3] == '\n') {
                    return i - off;
                }
                i++; // the LF
            } else if (c == '\n') {
                throw new NotLean("bare LF");
            } else if ((c < 0x20 && c != '\t') || c > 0x7e) {
                throw new NotLean("a byte outside printable ASCII");
            }
        }
        throw new NotLean("no end of headers");
    }

    /** The start line, then each header line with its continuation lines joined by one space. */
    private static List<String> unfold(String head, java.util.BitSet folded) throws NotLean {
        List<String> lines = new ArrayList<>();
        StringBuilder current = null;
        int i = 0;
        while (true) {
            int eol = head.indexOf("\r\n", i);
            String line = eol < 0 ? head.substring(i) : head.substring(i, eol);
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current == null || lines.isEmpty()) {
                    throw new NotLean("a continuation line without a header");
                }
                current.append(' ').append(strip(line));
                folded.set(lines.size());
            } else {
                if (current != null) {
                    lines.add(current.toString());
                }
                if (lines.size() > MAX_HEADERS) {
                    throw new NotLean("too many headers");
                }
                current = new StringBuilder(line);
            }
            if (eol < 0) {
                break;
            }
            i = eol + 2;
        }
        lines.add(current.toString());
        return lines;
    }

    private static String requestUri(String line) throws NotLean {
        if (!line.startsWith("REGISTER ") || !line.endsWith(" SIP/2.0")) {
            throw new NotLean("request line");
        }
        String uri = line.substring(9, line.length() - 8);
        if (uri.isEmpty() || !plainSipUri(uri)) {
            throw new NotLean("Request-URI");
        }
        return uri;
    }

    private static LeanRegister readHeaders(String requestUri, List<String> lines, java.util.BitSet folded)
            throws NotLean {
        List<String> vias = new ArrayList<>(2);
        List<ContactSpec> contacts = new ArrayList<>(1);
        List<String> authorizations = new ArrayList<>(1);
        String from = null;
        String to = null;
        String callId = null;
        String cseq = null;
        String expires = null;
        String maxForwards = null;
        String userAgent = null;
        String contentLength = null;
        boolean wildcard = false;
        for (int k = 1; k < lines.size(); k++) {
            String line = lines.get(k);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new NotLean("a header line without a name");
            }
            String name = stripEnd(line.substring(0, colon));
            if (!token(name)) {
                throw new NotLean("a header name that is not a token");
            }
            String value = strip(line.substring(colon + 1));
            String lower = name.toLowerCase(Locale.ROOT);
            if (folded.get(k) && VERBATIM.contains(lower)) {
                // JAIN-SIP joins continuation lines without the space RFC 3261 §7.3.1 asks for, and
                // these values are used as text: leave such a message to JAIN-SIP, as before.
                throw new NotLean("a folded " + name);
            }
            switch (lower) {
                case "via", "v" -> {
                    if (value.indexOf(',') >= 0) {
                        throw new NotLean("several hops in one Via");
                    }
                    vias.add(value);
                }
                case "from", "f" -> from = once(from, value);
                case "to", "t" -> to = once(to, value);
                case "call-id", "i" -> callId = once(callId, value);
                case "cseq" -> cseq = once(cseq, value);
                case "contact", "m" -> wildcard |= contacts(value, contacts);
                case "expires" -> expires = once(expires, value);
                case "authorization" -> authorizations.add(digest(value));
                case "max-forwards" -> maxForwards = once(maxForwards, value);
                case "user-agent" -> userAgent = once(userAgent, userAgent(value));
                case "content-length", "l" -> contentLength = once(contentLength, value);
                case "require", "proxy-require", "timestamp", "record-route", "content-encoding", "e" ->
                        throw new NotLean("a header JAIN-SIP's path acts on: " + name);
                default -> {
                    // headers a registrar ignores
                }
            }
        }
        if (vias.isEmpty() || from == null || to == null || callId == null || cseq == null) {
            throw new NotLean("a mandatory header is missing");
        }
        Via top = null;
        for (String v : vias) {
            Via parsed = via(v);
            top = top == null ? parsed : top;
        }
        NameAddr toAddr = nameAddr(to);
        nameAddr(from);
        if (callId.isEmpty() || hasWhitespace(callId)) {
            throw new NotLean("Call-ID");
        }
        if (contentLength != null && number(contentLength, 9) != 0) {
            throw new NotLean("Content-Length");
        }
        if (maxForwards != null && number(maxForwards, 3) > 255) {
            throw new NotLean("Max-Forwards");
        }
        if (wildcard && !contacts.isEmpty()) {
            throw new NotLean("a wildcard among contacts");
        }
        UserHost userHost = userHost(toAddr.uri());
        return new LeanRegister(requestUri, List.copyOf(vias), top.branch(), top.sentBy(), top.host(), top.port(),
                top.rport(), from, to, toAddr.tagged(), userHost.user(), userHost.host(), callId, cseqNumber(cseq),
                wildcard, contacts, expires == null ? null : number(expires, 10), authorizations,
                userAgent);
    }

    /**
     * An Authorization value of the form {@code Digest name=value, ...}: token names, token or
     * quoted (without escapes) values. JAIN-SIP drops an Authorization header it cannot parse,
     * so one that is not plainly of this form goes to JAIN-SIP.
     */
    private static String digest(String value) throws NotLean {
        if (value.length() > 4096 || !value.startsWith("Digest ")) {
            throw new NotLean("an Authorization we do not read");
        }
        int i = 7;
        int n = value.length();
        int count = 0;
        java.util.Set<String> names = new java.util.HashSet<>();
        while (true) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && tokenChar(value.charAt(i))) {
                i++;
            }
            if (i == nameStart || !names.add(value.substring(nameStart, i).toLowerCase(Locale.ROOT))) {
                throw new NotLean("an Authorization parameter without a name, or twice");
            }
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n || value.charAt(i) != '=') {
                throw new NotLean("an Authorization parameter without a value");
            }
            i++;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) == '"') {
                int close = value.indexOf('"', i + 1);
                if (close < 0 || value.substring(i + 1, close).indexOf('\\') >= 0) {
                    throw new NotLean("an Authorization quoted value we do not read");
                }
                i = close + 1;
            } else {
                int valueStart = i;
                while (i < n && tokenChar(value.charAt(i))) {
                    i++;
                }
                if (i == valueStart) {
                    throw new NotLean("an empty Authorization value");
                }
            }
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (++count > 32) {
                throw new NotLean("too many Authorization parameters");
            }
            if (i >= n) {
                return value;
            }
            if (value.charAt(i) != ',') {
                throw new NotLean("an Authorization parameter list we do not read");
            }
            i++;
        }
    }

    /**
     * A User-Agent of products ({@code token[/token]}) and comments ({@code (text)}, no nesting,
     * escapes or whitespace) separated by single spaces: the form JAIN-SIP writes back unchanged.
     */
    private static String userAgent(String value) throws NotLean {
        int i = 0;
        int n = value.length();
        while (i < n) {
            if (value.charAt(i) == '(') {
                int close = value.indexOf(')', i);
                if (close < 0) {
                    throw new NotLean("User-Agent comment");
                }
                for (int k = i + 1; k < close; k++) {
                    char c = value.charAt(k);
                    if (c == '(' || c == '\\' || c == '\t' || c == ' ') {
                        throw new NotLean("User-Agent comment");
                    }
                }
                i = close + 1;
            } else {
                int start = i;
                while (i < n && tokenChar(value.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    throw new NotLean("User-Agent product");
                }
                if (i < n && value.charAt(i) == '/') {
                    int version = ++i;
                    while (i < n && tokenChar(value.charAt(i))) {
                        i++;
                    }
                    if (i == version) {
                        throw new NotLean("User-Agent version");
                    }
                }
            }
            if (i < n) {
                if (value.charAt(i) != ' ' || i + 1 >= n || value.charAt(i + 1) == ' ') {
                    throw new NotLean("User-Agent separator");
                }
                i++;
            }
        }
        return value;
    }

    private static String once(String seen, String value) throws NotLean {
        if (seen != null) {
            throw new NotLean("a header that may appear once appears twice");
        }
        return value;
    }

    private static long cseqNumber(String cseq) throws NotLean {
        int sp = indexOfWhitespace(cseq);
        if (sp <= 0 || !strip(cseq.substring(sp)).equals("REGISTER")) {
            throw new NotLean("CSeq");
        }
        return number(cseq.substring(0, sp), 10);
    }

    /** A decimal number of at most {@code maxDigits} digits and at most 2^31-1. */
    private static long number(String s, int maxDigits) throws NotLean {
        if (s.isEmpty() || s.length() > maxDigits) {
            throw new NotLean("not a number we read: " + s.length() + " characters");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NotLean("not a number");
            }
            n = n * 10 + (c - '0');
        }
        if (n > MAX_INT) {
            throw new NotLean("a number above 2^31-1");
        }
        return n;
    }

    /** One hop of a Via: {@code SIP/2.0/UDP host[:port] *(;param)}. */
    record Via(String sentBy, String host, int port, String branch, boolean rport) {}

    static Via via(String v) throws NotLean {
        if (!v.regionMatches(true, 0, "SIP/2.0/UDP", 0, 11) || v.length() < 13
                || (v.charAt(11) != ' ' && v.charAt(11) != '\t')) {
            throw new NotLean("a Via that is not SIP/2.0/UDP");
        }
        String rest = strip(v.substring(12));
        int semi = rest.indexOf(';');
        String sentBy = stripEnd(semi < 0 ? rest : rest.substring(0, semi));
        int colon = sentBy.indexOf(':');
        String host = colon < 0 ? sentBy : sentBy.substring(0, colon);
        int port = colon < 0 ? -1 : (int) number(sentBy.substring(colon + 1), 5);
        if (host.isEmpty() || !hostname(host) || port == 0 || port > 65535) {
            throw new NotLean("Via sent-by");
        }
        String branch = null;
        boolean rport = false;
        if (semi >= 0) {
            for (String p : params(rest.substring(semi + 1))) {
                int eq = p.indexOf('=');
                String pname = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
                String pvalue = eq < 0 ? null : p.substring(eq + 1);
                switch (pname) {
                    case "branch" -> {
                        if (pvalue == null || branch != null) {
                            throw new NotLean("Via branch");
                        }
                        branch = pvalue;
                    }
                    case "rport" -> {
                        if (pvalue != null && !pvalue.isEmpty()) {
                            number(pvalue, 5);
                        }
                        rport = true;
                    }
                    case "received", "maddr", "ttl" -> throw new NotLean("Via " + pname);
                    default -> {
                        // other parameters ride along unchanged
                    }
                }
            }
        }
        return new Via(sentBy, host, port, branch, rport);
    }

    /** {@code ;a=b;c} parameters: each a token, optionally {@code =token}; quoted values are refused. */
    private static List<String> params(String s) throws NotLean {
        return params(s, false);
    }

    /**
     * Parameters split at semicolons outside quotes: a token name, optionally {@code =} a token
     * value or, when {@code quotedValues}, a quoted string without escapes.
     */
    private static List<String> params(String s, boolean quotedValues) throws NotLean {
        List<String> out = new ArrayList<>(3);
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ';';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                throw new NotLean("an escape in a quoted parameter");
            } else if (c == ';' && !quoted) {
                out.add(param(strip(s.substring(start, i)), quotedValues));
                start = i + 1;
                if (out.size() > 32) {
                    throw new NotLean("too many parameters");
                }
            }
        }
        if (quoted) {
            throw new NotLean("an unclosed quote");
        }
        return out;
    }

    private static String param(String p, boolean quotedValues) throws NotLean {
        int eq = p.indexOf('=');
        String pname = eq < 0 ? p : stripEnd(p.substring(0, eq));
        String pvalue = eq < 0 ? null : strip(p.substring(eq + 1));
        boolean valueOk = pvalue == null || token(pvalue) || (quotedValues
                && pvalue.length() >= 2 && pvalue.charAt(0) == '"' && pvalue.indexOf('"', 1) == pvalue.length() - 1);
        if (!token(pname) || !valueOk) {
            throw new NotLean("a parameter we do not read");
        }
        return pvalue == null ? pname : pname + "=" + pvalue;
    }

    /** A From/To/Contact value in name-addr form: optional display name, {@code <uri>}, parameters. */
    record NameAddr(String uri, List<String> params) {
        boolean tagged() {
            for (String p : params) {
                if (p.regionMatches(true, 0, "tag", 0, 3) && (p.length() == 3 || p.charAt(3) == '=')) {
                    return true;
                }
            }
            return false;
        }
    }

    static NameAddr nameAddr(String value) throws NotLean {
        int lt = displayNameEnd(value);
        int gt = value.indexOf('>', lt);
        if (gt < 0) {
            throw new NotLean("no closing >");
        }
        String uri = value.substring(lt + 1, gt);
        if (!plainSipUri(uri)) {
            throw new NotLean("a URI we do not read");
        }
        String tail = strip(value.substring(gt + 1));
        List<String> params;
        if (tail.isEmpty()) {
            params = List.of();
        } else if (tail.charAt(0) == ';') {
            params = params(tail.substring(1));
        } else {
            throw new NotLean("text after the URI");
        }
        return new NameAddr(uri, params);
    }

    /** The index of the {@code <} after an optional display name (tokens, or a quoted string without escapes). */
    private static int displayNameEnd(String value) throws NotLean {
        int i = 0;
        if (!value.isEmpty() && value.charAt(0) == '"') {
            int close = value.indexOf('"', 1);
            if (close < 0 || value.lastIndexOf('\\', close) > 0) {
                throw new NotLean("a display name we do not read");
            }
            i = close + 1;
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i >= value.length() || value.charAt(i) != '<') {
                throw new NotLean("no < after the display name");
            }
            return i;
        }
        int lt = value.indexOf('<');
        if (lt < 0) {
            throw new NotLean("an addr-spec without <>");
        }
        for (int k = 0; k < lt; k++) {
            char c = value.charAt(k);
            if (c != ' ' && c != '\t' && !tokenChar(c)) {
                throw new NotLean("a display name we do not read");
            }
        }
        return lt;
    }

    /**
     * Adds the contacts of one Contact header to {@code out}; true for {@code *}. Elements are
     * split at commas outside quotes and angle brackets.
     */
    private static boolean contacts(String value, List<ContactSpec> out) throws NotLean {
        if (value.equals("*")) {
            return true;
        }
        int start = 0;
        boolean quoted = false;
        boolean angled = false;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (c == '"' && !angled) {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                angled = true;
            } else if (c == '>' && !quoted) {
                angled = false;
            } else if (c == ',' && !quoted && !angled) {
                out.add(contact(strip(value.substring(start, i))));
                start = i + 1;
                if (out.size() > 64) {
                    throw new NotLean("too many contacts");
                }
            }
        }
        if (quoted || angled) {
            throw new NotLean("an unclosed quote or <");
        }
        return false;
    }

    private static ContactSpec contact(String element) throws NotLean {
        if (element.startsWith("*")) {
            throw new NotLean("a wildcard with more");
        }
        int lt = displayNameEnd(element);
        int gt = element.indexOf('>', lt);
        if (gt < 0) {
            throw new NotLean("no closing >");
        }
        String uri = element.substring(lt + 1, gt);
        if (!plainSipUri(uri)) {
            throw new NotLean("a contact URI we do not read");
        }
        String tail = strip(element.substring(gt + 1));
        Long expires = null;
        if (!tail.isEmpty()) {
            if (tail.charAt(0) != ';') {
                throw new NotLean("text after the contact URI");
            }
            for (String p : params(tail.substring(1), true)) {
                if (p.regionMatches(true, 0, "expires", 0, 7) && (p.length() == 7 || p.charAt(7) == '=')) {
                    if (expires != null || p.length() == 7) {
                        throw new NotLean("contact expires");
                    }
                    expires = number(strip(p.substring(8)), 10);
                }
            }
        }
        return new ContactSpec(uri, expires);
    }

    /**
     * A sip: or sips: URI of the plain kind whose text JAIN-SIP gives back unchanged:
     * {@code sip:[user@]host[:port]*(;name[=value])} with a lower-case scheme, no password, no
     * escapes, no headers, no IPv6 literal, a port without leading zeros.
     */
    static boolean plainSipUri(String uri) {
        return userHostOrNull(uri) != null;
    }

    /** User and host of a plain sip URI. */
    record UserHost(String user, String host) {}

    private static UserHost userHost(String uri) throws NotLean {
        UserHost uh = userHostOrNull(uri);
        if (uh == null) {
            throw new NotLean("a URI we do not read");
        }
        return uh;
    }

    private static UserHost userHostOrNull(String uri) {
        int start;
        if (uri.startsWith("sip:")) {
            start = 4;
        } else if (uri.startsWith("sips:")) {
            start = 5;
        } else {
            return null;
        }
        int semi = uri.indexOf(';', start);
        String userHostPort = semi < 0 ? uri.substring(start) : uri.substring(start, semi);
        int at = userHostPort.indexOf('@');
        String user = null;
        String hostPort = userHostPort;
        if (at >= 0) {
            user = userHostPort.substring(0, at);
            if (user.isEmpty() || !allOf(user, USER_CHARS)) {
                return null;
            }
            hostPort = userHostPort.substring(at + 1);
        }
        int colon = hostPort.indexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        if (host.isEmpty() || !hostname(host)) {
            return null;
        }
        if (colon >= 0) {
            String port = hostPort.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || port.charAt(0) == '0' || !allOf(port, "0123456789")
                    || Integer.parseInt(port) > 65535) {
                return null;
            }
        }
        if (semi >= 0) {
            for (String p : uri.substring(semi + 1).split(";", -1)) {
                int eq = p.indexOf('=');
                String name = eq < 0 ? p : p.substring(0, eq);
                String value = eq < 0 ? null : p.substring(eq + 1);
                if (name.isEmpty() || !allOf(name, PARAM_CHARS)
                        || (value != null && (value.isEmpty() || !allOf(value, PARAM_CHARS)))) {
                    return null;
                }
            }
        }
        return new UserHost(user, host);
    }

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String USER_CHARS = ALNUM + "-_.!~*'()&+$/";
    private static final String PARAM_CHARS = ALNUM + "-_.!~*'()&+$/:";

    private static boolean allOf(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            if (allowed.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A host name or IPv4 address: letters, digits, dots and hyphens, starting with a letter or digit. */
    private static boolean hostname(String host) {
        if (host.length() > 253 || !Character.isLetterOrDigit(host.charAt(0))) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return false;
            }
        }
        return !host.endsWith("-") && !host.contains("..");
    }

    static boolean token(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!tokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3261 §25.1 token characters. */
    private static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    private static boolean hasWhitespace(String s) {
        return indexOfWhitespace(s) >= 0;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static String strip(String s) {
        int a = 0;
        int z = s.length();
        while (a < z && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (z > a && (s.charAt(z - 1) == ' ' || s.charAt(z - 1) == '\t')) {
            z--;
        }
        return a == 0 && z == s.length() ? s : s.substring(a, z);
    }

    private static String stripEnd(String s) {
        int z = s.length();
        while (z > 0 && (s.charAt(z - 1) == ' ' || s.charAt(z - 1) == '\t')) {
            z--;
        }
        return z == s.length() ? s : s.substring(0, z);
    }
}
