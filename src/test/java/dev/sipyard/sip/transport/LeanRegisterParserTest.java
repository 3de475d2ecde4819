package dev.sipyard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.location.Binding;
import dev.sipyard.sip.digest.DigestCredentials;
import dev.sipyard.sip.registrar.ContactSpec;
import dev.sipyard.sip.auth.DigestVerifier;
import dev.sipyard.sip.digest.DigestAlgorithm;
import dev.sipyard.sip.registrar.RegisterReply;
import dev.sipyard.sip.registrar.RegisterRequest;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sip.header.ContactHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lean REGISTER parser: what it reads, what it leaves to JAIN-SIP, and (the point of it) that
 * whatever it accepts, JAIN-SIP also parses and turns into the same {@link RegisterRequest}, so a
 * message never gets a different answer on the lean path.
 */
class LeanRegisterParserTest {
    private static final String SIPP = "REGISTER sip:acme.sip.localhost SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-0;rport\r\n"
            + "From: <sip:user1@acme.sip.localhost>;tag=1SIPpTag01\r\n"
            + "To: <sip:user1@acme.sip.localhost>\r\n"
            + "Call-ID: 1-4242@127.0.0.1\r\n"
            + "CSeq: 2 REGISTER\r\n"
            + "Contact: <sip:user1@127.0.0.1:5061;transport=UDP>\r\n"
            + "Authorization: Digest username=\"user1\",realm=\"acme.sip.localhost\",cnonce=\"6b8b4567\","
            + "nc=00000001,qop=auth,uri=\"sip:127.0.0.1:5060\",nonce=\"abc\",response=\"0123456789abcdef\","
            + "algorithm=MD5,opaque=\"op\"\r\n"
            + "Max-Forwards: 70\r\n"
            + "Expires: 3600\r\n"
            + "User-Agent: sipp\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static LeanRegister lean(String message) throws LeanRegisterParser.NotLean {
        byte[] b = message.getBytes(StandardCharsets.ISO_8859_1);
        return LeanRegisterParser.parse(b, 0, b.length);
    }

    @Test
    void readsWhatTheRegistrarNeedsFromSippsRegister() throws Exception {
        LeanRegister r = lean(SIPP);
        assertThat(r.requestUri()).isEqualTo("sip:acme.sip.localhost");
        assertThat(r.vias()).containsExactly("SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-0;rport");
        assertThat(r.viaBranch()).isEqualTo("z9hG4bK-1-0");
        assertThat(r.viaHost()).isEqualTo("127.0.0.1");
        assertThat(r.viaPort()).isEqualTo(5061);
        assertThat(r.viaRport()).isTrue();
        assertThat(r.toUser()).isEqualTo("user1");
        assertThat(r.toHost()).isEqualTo("acme.sip.localhost");
        assertThat(r.toTagged()).isFalse();
        assertThat(r.callId()).isEqualTo("1-4242@127.0.0.1");
        assertThat(r.cseq()).isEqualTo(2);
        assertThat(r.contacts()).containsExactly(new ContactSpec("sip:user1@127.0.0.1:5061;transport=UDP", null));
        assertThat(r.expires()).isEqualTo(3600);
        assertThat(r.authorizations()).hasSize(1);
        assertThat(r.userAgent()).isEqualTo("sipp");
        sameAsJainSip(SIPP);
    }

    @Test
    void compactFormsCaseFoldingAndSpaceBeforeTheColonReadAsTheLongForms() throws Exception {
        String odd = "REGISTER sip:acme.sip.localhost SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bKa\r\n"
                + "vIA  :SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKb\r\n"
                + "f: \"Alice Smith\" <sip:alice@acme.sip.localhost>;tag=9\r\n"
                + "t: Alice <sip:alice@acme.sip.localhost>\r\n"
                + "i: abc@192.0.2.7\r\n"
                + "CSEQ:\t7\r\n\tREGISTER\r\n"
                + "m: <sip:alice@192.0.2.7:5070>;expires=120;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-"
                + "000A95A0E128>\",\r\n  <sip:alice@192.0.2.8>;q=0.5\r\n"
                + "EXPIRES: 600\r\n"
                + "k: path, gruu\r\n"
                + "l: 0\r\n\r\n";
        LeanRegister r = lean(odd);
        assertThat(r.vias()).hasSize(2);
        assertThat(r.viaPort()).isEqualTo(5070);
        assertThat(r.viaRport()).isFalse();
        assertThat(r.to()).isEqualTo("Alice <sip:alice@acme.sip.localhost>");
        assertThat(r.cseq()).isEqualTo(7);
        assertThat(r.contacts()).containsExactly(new ContactSpec("sip:alice@192.0.2.7:5070", 120L),
                new ContactSpec("sip:alice@192.0.2.8", null));
        assertThat(r.expires()).isEqualTo(600);
        sameAsJainSip(odd);
    }

    @Test
    void wildcardQueryAndTaggedToAreRead() throws Exception {
        String wildcard = SIPP.replace("Contact: <sip:user1@127.0.0.1:5061;transport=UDP>", "Contact: *")
                .replace("Expires: 3600", "Expires: 0");
        assertThat(lean(wildcard).wildcard()).isTrue();
        sameAsJainSip(wildcard);
        String query = SIPP.replace("Contact: <sip:user1@127.0.0.1:5061;transport=UDP>\r\n", "");
        assertThat(lean(query).contacts()).isEmpty();
        sameAsJainSip(query);
        String tagged = SIPP.replace("To: <sip:user1@acme.sip.localhost>", "To: <sip:user1@acme.sip.localhost>;tag=77");
        assertThat(lean(tagged).toTagged()).isTrue();
        sameAsJainSip(tagged);
    }

    /** Messages the lean parser leaves to JAIN-SIP; each with why. */
    private static List<String> handedOver() {
        List<String> c = new ArrayList<>();
        // the malformed corpus of MalformedSipTest, on this request
        c.add(SIPP.replaceFirst("Call-ID: [^\r]*\r\n", ""));
        c.add(SIPP.replaceFirst("CSeq: [^\r]*\r\n", ""));
        c.add(SIPP.replaceFirst("From: [^\r]*\r\n", ""));
        c.add(SIPP.replaceFirst("To: [^\r]*\r\n", ""));
        c.add(SIPP.replaceFirst("Via: [^\r]*\r\n", ""));
        c.add(SIPP.replace("Content-Length: 0", "Content-Length: 999999999"));
        c.add(SIPP.replace("Content-Length: 0", "Content-Length: -5"));
        c.add(SIPP.replace("CSeq: 2 REGISTER", "CSeq: 99999999999999999999 REGISTER"));
        c.add(SIPP.replace("Expires: 3600", "Expires: 99999999999999999999"));
        c.add(SIPP.replace("REGISTER sip:", "REGISTER \u0000sip:"));
        c.add(SIPP.replace("To: <sip:user1@", "To: <tel:+15551234567;x="));
        c.add(SIPP.replace("Contact: <", "Contact: *, <"));
        c.add(SIPP.replace("\r\n\r\n", "\r\nAuthorization: Digest username=\"good\r\n\r\n"));
        c.add("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\nContent-Length: 0\r\n\r\n");
        c.add("INVITE sip:good@acme.sip.localhost SIP/2.0\r\n\r\n");
        c.add("\r\n\r\n");
        c.add("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        // RFC 4475 'regescrt': escaped characters in a URI
        c.add(SIPP.replace("Contact: <sip:user1@", "Contact: <sip:%75ser1@"));
        // RFC 4475 'regbadct': an addr-spec Contact whose URI carries an unescaped header part
        c.add(SIPP.replace("Contact: <sip:user1@127.0.0.1:5061;transport=UDP>",
                "Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E"));
        // RFC 4475 'cparam01': contact parameters on an addr-spec (they belong to the header)
        c.add(SIPP.replace("Contact: <sip:user1@127.0.0.1:5061;transport=UDP>",
                "Contact: sip:+19725552222@gw1.example.net;unknownparam"));
        // RFC 4475 'scalar02': values past 2^31-1
        c.add(SIPP.replace("Contact: <sip:user1@127.0.0.1:5061;transport=UDP>",
                "Contact: <sip:user@host129.example.com>;expires=280297596632815"));
        // RFC 4475 'esc02': an escaped method is not REGISTER
        c.add(SIPP.replace("REGISTER sip:", "RE%47IST%45R sip:"));
        // RFC 4475 'dblreq': a second request after the first in one datagram
        c.add(SIPP + "INVITE sip:joe@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n");
        // RFC 4475 'badvers', 'mismatch01', 'lwsruri' in REGISTER form
        c.add(SIPP.replace("REGISTER sip:acme.sip.localhost SIP/2.0", "REGISTER sip:acme.sip.localhost SIP/7.0"));
        c.add(SIPP.replace("CSeq: 2 REGISTER", "CSeq: 2 INVITE"));
        c.add(SIPP.replace("REGISTER sip:acme.sip.localhost SIP/2.0", "REGISTER sip:acme.sip.localhost;lr=\r\n"
                + " 2 SIP/2.0"));
        // what JAIN-SIP's path acts on: Require (420), an IPv6 Via, a TCP Via, several hops in one Via
        c.add(SIPP.replace("\r\n\r\n", "\r\nRequire: gruu\r\n\r\n"));
        c.add(SIPP.replace("Via: SIP/2.0/UDP 127.0.0.1:5061", "Via: SIP/2.0/UDP [::1]:5061"));
        c.add(SIPP.replace("Via: SIP/2.0/UDP", "Via: SIP/2.0/TCP"));
        c.add(SIPP.replace(";rport\r\n", ";rport, SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK2\r\n"));
        // a folded value used as text (JAIN-SIP joins folds without the space)
        c.add(SIPP.replace("User-Agent: sipp", "User-Agent: sipp\r\n 3.6"));
        // bare LF, a body, duplicate single headers, non-ASCII
        c.add(SIPP.replace("\r\n", "\n"));
        c.add(SIPP.replace("Content-Length: 0\r\n\r\n", "Content-Length: 2\r\n\r\nhi"));
        c.add(SIPP.replace("Call-ID:", "Call-ID: a\r\nCall-ID:"));
        c.add(SIPP.replace("User-Agent: sipp", "User-Agent: s\u00efpp"));
        return c;
    }

    @Test
    void whatItDoesNotFullyUnderstandIsLeftToJainSip() {
        List<String> accepted = new ArrayList<>();
        for (String m : handedOver()) {
            try {
                lean(m);
                accepted.add(m);
            } catch (LeanRegisterParser.NotLean expected) {
                // left to JAIN-SIP
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void theReplyIsAResponseJainSipReadsWithTheCopiedHeadersAndTheStampedVia() throws Exception {
        LeanRegister r = lean(SIPP.replace("Via: SIP/2.0/UDP 127.0.0.1:5061", "Via: SIP/2.0/UDP phone.example:5061"));
        long now = 1_700_000_000_000L;
        Binding b = new Binding("b1", "e1", "p1", "sip:user1@127.0.0.1:5061;transport=UDP", r.callId(), 2, "UDP",
                "127.0.0.1", 5061, "sipp", 1, now, now + 3_600_000, "127.0.0.1:5060");
        byte[] bytes = new LeanReplyWriter().write(r, RegisterReply.ok(List.of(b), now),
                "127.0.0.1", 40000, now, 0x2aL).wire();
        SIPResponse resp = (SIPResponse) new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        assertThat(resp.getStatusCode()).isEqualTo(200);
        Via top = resp.getTopmostVia();
        assertThat(top.getBranch()).isEqualTo("z9hG4bK-1-0");
        assertThat(top.getRPort()).isEqualTo(40000);
        assertThat(top.getReceived()).isEqualTo("127.0.0.1");
        assertThat(resp.getTo().getTag()).isEqualTo("2a");
        assertThat(resp.getCallId().getCallId()).isEqualTo(r.callId());
        assertThat(resp.getCSeq().getSeqNumber()).isEqualTo(2);
        assertThat(resp.getCSeq().getMethod()).isEqualTo("REGISTER");
        ContactHeader c = (ContactHeader) resp.getHeader(ContactHeader.NAME);
        assertThat(c.getAddress().getURI().toString()).isEqualTo(b.contactUri());
        assertThat(c.getExpires()).isEqualTo(3600);
        assertThat(resp.getHeader("Date").toString()).contains("Tue, 14 Nov 2023 22:13:20 GMT");
        assertThat(resp.getContentLength().getContentLength()).isZero();

        byte[] challenge = new LeanReplyWriter().write(lean(SIPP), RegisterReply.challenge(
                new DigestVerifier.Verdict.Challenge(List.of("Digest realm=\"r\", nonce=\"n\", algorithm=MD5, "
                        + "qop=\"auth\""), "n", kind("r"))), "127.0.0.1", 5061, now, 0x2aL).wire();
        SIPResponse unauthorized = (SIPResponse) new StringMsgParser().parseSIPMessage(challenge, true, false, null);
        assertThat(unauthorized.getStatusCode()).isEqualTo(401);
        assertThat(unauthorized.getHeader("WWW-Authenticate")).isNotNull();
        assertThat(unauthorized.getHeader("Date")).isNull();
    }

    @Test
    void aRetransmissionIsAnsweredWithTheSameBytesFromWhatWasKept() throws Exception {
        LeanReplyWriter writer = new LeanReplyWriter();
        LeanRegister r = lean(SIPP);
        long now = 1_700_000_000_000L;
        String nonce = "AAABi9Hk8QBxq3jWm0ZQXnS2k1c4LJ8d9uJ1a2b3c4d";
        List<String> challenges = List.of("MD5", "SHA-512-256", "SHA-256").stream()
                .map(a -> "Digest realm=\"acme.sip.localhost\", nonce=\"" + nonce + "\", opaque=\"0a1b2c\", algorithm="
                        + a + ", qop=\"auth\"").toList();
        LeanReplyWriter.Written challenge = writer.write(r, RegisterReply.challenge(
                new DigestVerifier.Verdict.Challenge(challenges, nonce, kind("acme.sip.localhost"))),
                "127.0.0.1", 5061, now, 7L);
        assertThat(challenge.kept()).hasSizeLessThan(60); // a shape's number and the nonce, not the 700-byte 401
        assertThat(challenge.wire().length).isGreaterThan(600);
        assertThat(writer.rewrite(r, challenge.kept(), "127.0.0.1", 5061, 7L)).isEqualTo(challenge.wire());

        String otherNonce = nonce.replace('A', 'B');
        LeanReplyWriter.Written sameShape = writer.write(r, RegisterReply.challenge(new DigestVerifier.Verdict.Challenge(
                challenges.stream().map(c -> c.replace(nonce, otherNonce)).toList(), otherNonce,
                kind("acme.sip.localhost"))),
                "127.0.0.1", 5061, now, 8L);
        assertThat(new String(writer.rewrite(r, sameShape.kept(), "127.0.0.1", 5061, 8L), StandardCharsets.ISO_8859_1))
                .contains("nonce=\"" + otherNonce + "\"").doesNotContain(nonce).contains(";tag=8\r\n");

        Binding b = new Binding("b1", "e1", "p1", "sip:user1@127.0.0.1:5061;transport=UDP", r.callId(), 2, "UDP",
                "127.0.0.1", 5061, "sipp", 1, now, now + 3_600_000, "127.0.0.1:5060");
        LeanReplyWriter.Written ok = writer.write(r, RegisterReply.ok(List.of(b), now),
                "127.0.0.1", 5061, now, 9L);
        assertThat(writer.rewrite(r, ok.kept(), "127.0.0.1", 5061, 9L)).isEqualTo(ok.wire());
        LeanReplyWriter.Written failed = writer.write(r, 500, "Server Internal Error", "127.0.0.1", 5061, 10L);
        assertThat(writer.rewrite(r, failed.kept(), "127.0.0.1", 5061, 10L)).isEqualTo(failed.wire());

        // the same request from another port (a NAT that rebound): the Via says where it came from now
        String moved = new String(writer.rewrite(r, ok.kept(), "127.0.0.1", 40001, 9L), StandardCharsets.ISO_8859_1);
        assertThat(moved).contains(";rport=40001;").contains("Contact: <sip:user1@127.0.0.1:5061;transport=UDP>");
    }

    @Test
    void withoutRportTheViaGetsReceivedOnlyWhenTheHostIsNotTheSource() {
        assertThat(LeanReplyWriter.stampedVia("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKx", "192.0.2.1", false,
                "192.0.2.1", 5060)).isEqualTo("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKx");
        assertThat(LeanReplyWriter.stampedVia("SIP/2.0/UDP phone:5060;branch=z9hG4bKx", "phone", false,
                "192.0.2.1", 5060)).isEqualTo("SIP/2.0/UDP phone:5060;branch=z9hG4bKx;received=192.0.2.1");
        assertThat(LeanReplyWriter.stampedVia("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKx", "10.0.0.1", true,
                "192.0.2.1", 40000))
                .isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;rport=40000;branch=z9hG4bKx;received=192.0.2.1");
    }

    /**
     * Random mutations of good REGISTERs: the parser returns or refuses with its own exception,
     * never anything else, and whatever it accepts JAIN-SIP reads the same way. The timeout is a
     * guard against a loop, not a speed bound.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomMutationsNeverEscapeTheParserAndAcceptedOnesMatchJainSip() throws Exception {
        long seed = System.nanoTime();
        System.out.println("LeanRegisterParserTest seed " + seed);
        Random random = new Random(seed);
        List<String> bases = List.of(SIPP, SIPP.replace("Contact: <sip:user1@127.0.0.1:5061;transport=UDP>",
                "m: \"A\" <sip:a@192.0.2.1>;expires=60, <sip:b@192.0.2.2;ob>;+sip.instance=\"<urn:x>\"")
                .replace("User-Agent: sipp", "User-Agent: Linphone/5.2.0 (belle-sip/5.2.0) LinphoneCore"));
        String alphabet = " \t\r\n,;:<>\"=@*0123456789abcSIP/\\%[]?";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder m = new StringBuilder(bases.get(random.nextInt(bases.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && m.length() > 1; e++) {
                int at = random.nextInt(m.length());
                switch (random.nextInt(4)) {
                    case 0 -> m.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> m.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> m.deleteCharAt(at);
                    default -> m.setLength(Math.max(1, at));
                }
            }
            String message = m.toString();
            try {
                lean(message);
            } catch (LeanRegisterParser.NotLean refused) {
                continue;
            }
            accepted++;
            try {
                sameAsJainSip(message);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("seed " + seed + ", accepted but JAIN-SIP differs on:\n" + message, e);
            }
        }
        System.out.println("LeanRegisterParserTest accepted " + accepted + " of 20000 mutations");
    }

    /** JAIN-SIP parses the message and RegisterHandler turns it into the same request as the lean path. */
    private static void sameAsJainSip(String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        LeanRegister lean = LeanRegisterParser.parse(bytes, 0, bytes.length);
        SIPMessage parsed = new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        assertThat(parsed).as("JAIN-SIP parses it").isInstanceOf(SIPRequest.class);
        SIPRequest request = (SIPRequest) parsed;
        assertThat(request.getMethod()).isEqualTo("REGISTER");
        assertThat(request.getSIPVersion()).isEqualTo("SIP/2.0");
        RegisterRequest viaJain = RegisterHandler.toRegisterRequest(request, "127.0.0.1", "UDP");
        assertThat(lean.requestUri()).isEqualTo(viaJain.requestUri());
        assertThat(lean.toUser()).isEqualTo(viaJain.toUser());
        assertThat(lower(lean.toHost())).isEqualTo(lower(viaJain.toHost()));
        assertThat(lean.callId()).isEqualTo(viaJain.callId());
        assertThat(lean.cseq()).isEqualTo(viaJain.cseq());
        assertThat(lean.wildcard()).isEqualTo(viaJain.wildcard());
        assertThat(lean.contacts()).isEqualTo(viaJain.contacts());
        assertThat(lean.expires()).isEqualTo(viaJain.expires());
        assertThat(lean.userAgent()).isEqualTo(viaJain.userAgent());
        assertThat(lean.authorizations()).hasSameSizeAs(viaJain.authorizations());
        for (int i = 0; i < lean.authorizations().size(); i++) {
            assertThat(DigestCredentials.parse(lean.authorizations().get(i)))
                    .isEqualTo(DigestCredentials.parse(viaJain.authorizations().get(i)));
        }
        Via top = request.getTopmostVia();
        assertThat(lean.viaBranch()).isEqualTo(top.getBranch());
        assertThat(lean.viaPort()).isEqualTo(top.getPort());
        assertThat(lean.viaRport()).isEqualTo(top.hasParameter("rport"));
        assertThat(lean.vias()).hasSize(request.getViaHeaders().size());
        assertThat(lean.toTagged()).isEqualTo(request.getTo().getTag() != null);
        assertThat(request.getHeader("Require")).isNull();
        assertThat(request.getFrom()).isNotNull();
        assertThat(request.getTo()).isNotNull();
        assertThat(request.getCallId()).isNotNull();
        assertThat(request.getCSeq()).isNotNull();
        assertThat(request.getCSeq().getMethod()).isEqualTo("REGISTER");
        int headerCount = 0;
        for (var it = request.getHeaderNames(); it.hasNext(); ) {
            if (READ.contains(((String) it.next()).toLowerCase(Locale.ROOT))) {
                headerCount++;
            }
        }
        assertThat(headerCount).as("JAIN-SIP kept every header the lean parser reads").isEqualTo(headerLines(message));
    }

    /**
     * The headers the lean parser reads. (JAIN-SIP drops other headers it cannot parse and goes
     * on, and adds a Content-Length when there is none: neither changes the registrar's answer.)
     */
    private static final java.util.Set<String> READ = java.util.Set.of("via", "from", "to", "call-id", "cseq",
            "contact", "expires", "authorization", "max-forwards", "user-agent");

    /** The distinct header names of a message as JAIN-SIP counts them (compact forms are their long names). */
    private static int headerLines(String message) {
        java.util.Set<String> names = new java.util.HashSet<>();
        String head = message.substring(0, message.indexOf("\r\n\r\n"));
        for (String line : head.split("\r\n")) {
            if (line.isEmpty() || line.startsWith(" ") || line.startsWith("\t") || line.startsWith("REGISTER ")) {
                continue;
            }
            names.add(RawHeaders.canonical(line.substring(0, line.indexOf(':')).strip()).toLowerCase(Locale.ROOT));
            names.retainAll(READ);
        }
        return names.size();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static DigestVerifier.Verdict.Challenge.Kind kind(String realm) {
        return new DigestVerifier.Verdict.Challenge.Kind(realm, List.of(DigestAlgorithm.MD5), false);
    }
}
