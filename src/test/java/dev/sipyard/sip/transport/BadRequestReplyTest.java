package dev.sipyard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BadRequestReplyTest {
    private static final String REQUEST = "OPTIONS sip:x.example SIP/2.0\r\n"
            + "v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1 junk\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK0\r\n"
            + "f: <sip:a@x.example>;tag=1\r\nt: <sip:b@x.example>\r\ni: call-1\r\nCSeq: 1 OPTIONS\r\n"
            + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    private static String reply(String request) {
        byte[] r = BadRequestReply.forRequest(request, request.getBytes(StandardCharsets.UTF_8).length);
        return r == null ? null : new String(r, StandardCharsets.UTF_8);
    }

    @Test
    void carriesOnlyWhatMatchesTheRequestAndNoBody() {
        assertThat(reply(REQUEST)).isEqualTo("SIP/2.0 400 Bad Request\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1 junk\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK0\r\n"
                + "From: <sip:a@x.example>;tag=1\r\nTo: <sip:b@x.example>;tag=badreq\r\nCall-ID: call-1\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void responsesAcksAndRequestsWithoutViaAreNotAnswered() {
        assertThat(reply(REQUEST.replaceAll("v: [^\r]*\r\nVia: [^\r]*\r\n", ""))).isNull();
        assertThat(reply(REQUEST.replace("OPTIONS sip:x.example SIP/2.0", "ACK sip:x.example SIP/2.0"))).isNull();
        assertThat(reply(REQUEST.replace("OPTIONS sip:x.example SIP/2.0", "SIP/2.0 200 OK"))).isNull();
    }

    @Test
    void neverLargerThanTheRequest() {
        String request = REQUEST;
        byte[] r = BadRequestReply.forRequest(request, 50);
        assertThat(r).isNull();
    }

    @Test
    void controlCharactersCannotStartAHeader() {
        String r = reply(REQUEST.replace("i: call-1", "i: call-1\u000bX-Injected: 1\u0000"));
        assertThat(r).contains("Call-ID: call-1X-Injected: 1\r\n");
    }
}
