package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.SipResponse;
import dev.sipyard.testing.SipTestClient;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Unusual INVITEs from a project's endpoint, over UDP and TCP on both databases: no Max-Forwards,
 * a Proxy-Require we do not support, and a branch reused after its transaction ended. Afterwards
 * a good phone still registers.
 */
class UnusualSipCallsTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String INVITE = """
            INVITE sip:bob@{d} SIP/2.0
            Via: SIP/2.0/{t} {a};branch=BRANCH;rport
            Max-Forwards: 70
            From: <sip:alice@{d}>;tag=a73kszlfl
            To: <sip:bob@{d}>
            Call-ID: CALLID
            CSeq: CSEQ INVITE
            Contact: <sip:alice@{a}>
            Content-Length: 0

            """;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unusualInvitesAreChallengedOrRefusedNotDropped(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            for (String transport : List.of("UDP", "TCP")) {
                SipTestClient c = UnusualSipTest.client(f, transport);
                String noMaxForwards = invite(transport + "-nomf", "z9hG4bKnomf" + transport, 1)
                        .replace("Max-Forwards: 70\n", "");
                UnusualSipTest.expect(f, c, noMaxForwards, 407);

                String proxyRequire = invite(transport + "-pr", "z9hG4bKpr" + transport, 1)
                        .replace("Max-Forwards: 70", "Max-Forwards: 70\nProxy-Require: nonsense");
                assertThat(UnusualSipTest.expect(f, c, proxyRequire, 420).first("Unsupported")).isEqualTo("nonsense");

                // the same branch again after the 407 (its transaction completed): a new request each time
                String branch = "z9hG4bKreused" + transport;
                String callId = transport + "-reuse";
                UnusualSipTest.expect(f, c, invite(callId, branch, 1), 407);
                UnusualSipTest.expect(f, c, invite(callId, branch, 2), 407); // same branch, next CSeq
                String options = UnusualSipTest.OPTIONS.replace("branch={b}", "branch=" + branch)
                        .replace("CSeq: 1 OPTIONS", "CSeq: 3 OPTIONS");
                UnusualSipTest.expect(f, c, options, 200); // same branch, another method
            }
            for (String transport : List.of("UDP", "TCP")) {
                SipTestClient c = UnusualSipTest.client(f, transport);
                SipResponse r = f.phone(c, "alice", PASSWORD).register(600);
                assertThat(r).as(transport).isNotNull();
                assertThat(r.status()).as(transport).isEqualTo(200);
            }
        }
    }

    private static String invite(String callId, String branch, int cseq) {
        return INVITE.replace("BRANCH", branch).replace("CALLID", callId).replace("CSEQ", String.valueOf(cseq));
    }
}
