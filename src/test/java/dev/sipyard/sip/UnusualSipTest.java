package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.SipMsg;
import dev.sipyard.testing.SipResponse;
import dev.sipyard.testing.SipTestClient;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unusual and invalid requests of the kinds RFC 4475 collects, over UDP and TCP: valid oddities
 * are answered like any request, invalid ones get a short 400 (or nothing), and unsupported
 * versions and extensions their own refusals. Requests that register or call are in
 * {@link UnusualSipCallsTest}.
 */
class UnusualSipTest {
    static final String OPTIONS = """
            OPTIONS sip:{d} SIP/2.0
            Via: SIP/2.0/{t} {a};branch={b};rport
            Max-Forwards: 70
            From: <sip:probe@{d}>;tag=1928301774
            To: <sip:probe@{d}>
            Call-ID: {c}
            CSeq: 1 OPTIONS
            Content-Length: 0

            """;
    private static SipFixture f;

    @BeforeAll
    static void start() {
        f = new SipFixture(Backend.SQLITE);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** The template with placeholders filled for this client, CRLF line ends. */
    static String message(SipTestClient c, String domain, String template) {
        return template.replace("{t}", c.transport()).replace("{a}", c.localAddress() + ":" + c.localPort())
                .replace("{d}", domain).replace("{c}", "c" + ThreadLocalRandom.current().nextLong(1L << 60))
                .replace("{b}", "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong()))
                .replace("\n", "\r\n");
    }

    /** Sends the filled template and checks the final response's status. */
    static SipResponse expect(SipFixture f, SipTestClient c, String template, int status) {
        String what = c.transport() + " " + template.lines().findFirst().orElse("");
        SipResponse r = c.request(message(c, f.domain, template));
        assertThat(r).as(what).isNotNull();
        assertThat(r.status()).as(what).isEqualTo(status);
        return r;
    }

    static SipTestClient client(SipFixture f, String transport) {
        return transport.equals("UDP") ? f.udp() : f.tcp();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void compactHeadersAndSpaceBeforeTheColonAreAnswered(String transport) {
        SipTestClient c = client(f, transport);
        expect(f, c, OPTIONS.replace("Call-ID: {c}", "i: {c}"), 200);
        expect(f, c, OPTIONS.replace("Call-ID: {c}", "Call-ID  : {c}").replace("Content-Length: 0", "Content-Length : 4")
                .replace("\n\n", "\nContent-Type: text/plain\n\nabcd"), 200);
        expect(f, c, OPTIONS.replace("Content-Length: 0", "l: 4").replace("\n\n", "\nc: text/plain\n\nabcd"), 200);
        expect(f, c, OPTIONS, 200); // the same connection still frames the next message right
        expect(f, c, OPTIONS.replace("OPTIONS", "REGISTER").replace("Call-ID: {c}", "i: {c}")
                .replace("To: <sip:probe@{d}>", "To: <sip:probe@{d}>\nm: <sip:probe@{a}>"), 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void twoDifferentContentLengthsAreRefused(String transport) {
        String smuggled = OPTIONS.replace("Content-Length: 0", "Content-Length: 0\nContent-Length: 30")
                .replace("\n\n", "\n\nOPTIONS sip:x SIP/2.0\nX: 123456\n");
        expect(f, client(f, transport), smuggled, 400);
    }

    @Test
    void aTcpConnectionIsClosedAfterTheRefusal() throws java.io.IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", f.server.sipPorts().tcp()), 2000);
            String m = OPTIONS.replace("{t}", "TCP").replace("{a}", "127.0.0.1:" + s.getLocalPort())
                    .replace("{d}", f.domain).replace("{c}", "smuggle-1").replace("{b}", "z9hG4bKsmuggle1")
                    .replace("Content-Length: 0", "l: 0\nContent-Length: 2").replace("\n", "\r\n") + "\r\n";
            s.getOutputStream().write(m.getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("SIP/2.0 400 Bad Request\r\n").contains("Call-ID: smuggle-1\r\n");
        }
    }

    @Test
    void theUdp400IsShortAndCarriesNoParserInternals() {
        SipTestClient c = f.udp();
        String request = message(c, f.domain, OPTIONS.replace(";branch={b};rport", ";branch={b};rport junk here"));
        c.sendRaw(request.getBytes(StandardCharsets.UTF_8));
        String raw = c.receiveRaw(5000);
        assertThat(raw).isNotNull();
        assertThat(raw).startsWith("SIP/2.0 400 Bad Request\r\n");
        assertThat(raw.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(raw).doesNotContain("[C@").doesNotContain("expected").doesNotContain("OPTIONS sip:");
        assertThat(raw).endsWith("Content-Length: 0\r\n\r\n");
        assertThat(raw.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(request.length());
        SipMsg r = SipMsg.parse(raw);
        assertThat(r.first("Call-ID")).isEqualTo(request.replaceAll("(?s).*Call-ID: ([^\r]*).*", "$1"));
        assertThat(r.first("To")).contains(";tag=");
    }

    @Test
    void aBrokenRequestWithoutViaIsNotAnswered() {
        SipTestClient c = f.udp();
        String noVia = OPTIONS.replace("Via: SIP/2.0/{t} {a};branch={b};rport\n", "")
                .replace("CSeq: 1 OPTIONS", "CSeq: x1 OPTIONS");
        c.sendRaw(message(c, f.domain, noVia).getBytes(StandardCharsets.UTF_8));
        assertThat(c.receiveRaw(1000)).isNull();
        // the listener still answers the next good request
        expect(f, c, OPTIONS, 200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void anotherSipVersionGets505(String transport) {
        expect(f, client(f, transport), OPTIONS.replace("SIP/2.0\n", "SIP/7.0\n"), 505);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void anUnknownRequiredExtensionGets420WithUnsupported(String transport) {
        SipTestClient c = client(f, transport);
        for (String method : List.of("OPTIONS", "REGISTER")) {
            String m = OPTIONS.replace("OPTIONS", method).replace("Max-Forwards: 70", "Max-Forwards: 70\nRequire: nonsense");
            assertThat(expect(f, c, m, 420).first("Unsupported")).as(method).isEqualTo("nonsense");
        }
    }
}
