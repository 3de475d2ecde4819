package dev.sipyard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Slf4jStackLoggerTest {
    @Test
    void linesQuotingAPeersMessageKeepOnlyTheirOpeningWords() {
        assertThat(Slf4jStackLogger.clean("bad message OPTIONS sip:alice@x.example SIP/2.0\r\nVia: x"))
                .isEqualTo("bad message (content withheld)");
        assertThat(Slf4jStackLogger.clean(">>> Dropped Bad Msg From = From: <sip:alice@x>")).doesNotContain("alice");
        assertThat(Slf4jStackLogger.clean("other line\r\nAuthorization: Digest response=\"x\""))
                .isEqualTo("other line ...");
    }
}
