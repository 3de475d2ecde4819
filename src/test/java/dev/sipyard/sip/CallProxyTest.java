package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipMsg;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Endpoint-to-endpoint calls through the proxy, driven by two test phones over real SIP. */
class CallProxyTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final int REPEAT_MILLIS = 500; // T1: how long a phone waits before it repeats

    private static SipAgent agent(SipFixture f, String user, String transport) {
        return f.registeredAgent(transport.equals("TCP") ? f.tcp() : f.udp(), user, PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCallIsAuthenticatedRingsIsAnsweredPassesInDialogRequestsAndHangsUp(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            SipAgent alice = agent(f, "alice", "UDP");
            SipAgent bob = agent(f, "bob", "TCP");

            SipAgent.Call call = alice.call("bob");
            SipAgent.Incoming in = bob.awaitCall(5000);
            assertThat(in).as("bob is offered the call").isNotNull();
            assertThat(in.invite.first("Proxy-Authorization")).as("credentials stay with the proxy").isNull();
            assertThat(in.invite.all("Record-Route")).isNotEmpty();
            in.ring();
            assertThat(call.awaitProvisional(180, 5000)).as("alice hears ringing").isNotNull();
            in.answer();
            SipMsg ok = call.awaitFinal(5000);
            assertThat(ok.status()).isEqualTo(200);
            call.ack();
            SipMsg ack = in.awaitAck(5000);
            assertThat(ack).as("the ACK reaches bob").isNotNull();
            SipMsg again = repeatedUntilSeen(call::ackAgain, () -> in.awaitAck(REPEAT_MILLIS)); // as for a repeated 200
            assertThat(again).as("the repeated ACK reaches bob too").isNotNull();
            assertThat(branchOf(again.first("Via"))).as("as the same request, which bob absorbs")
                    .isEqualTo(branchOf(ack.first("Via")));
            in.answer(); // bob repeats his 200, as he would if the ACK were lost
            SipMsg okAgain = alice.await(m -> !m.isRequest() && m.status() == 200 && "INVITE".equals(m.cseqMethod()),
                    5000);
            assertThat(okAgain).as("the repeated 200 reaches alice").isNotNull();

            // re-INVITE (hold) and INFO pass through in both directions
            SipAgent.Call[] holder = {call};
            Thread answerer = Thread.ofVirtual().start(() -> {
                SipMsg reinvite = in.awaitRequest("INVITE", 5000);
                bob.respond(reinvite, 200, "OK", null, true);
                SipMsg info = in.awaitRequest("INFO", 5000);
                bob.respond(info, 200, "OK", null, false);
            });
            assertThat(holder[0].request("INVITE", 5000).status()).isEqualTo(200);
            assertThat(holder[0].request("INFO", 5000).status()).isEqualTo(200);
            join(answerer);

            // bob hangs up: the BYE reaches alice, her 200 reaches bob
            Thread byeAnswer = Thread.ofVirtual().start(() -> {
                SipMsg bye = alice.awaitRequest("BYE", 5000);
                alice.respond(bye, 200, "OK", null, false);
            });
            SipMsg byeOk = in.bye();
            join(byeAnswer);
            assertThat(byeOk).as("bob's BYE is answered by alice").isNotNull();
            assertThat(byeOk.status()).isEqualTo(200);
        }
    }

    /**
     * A BYE over UDP goes on without a transaction (RFC 3261 16.11): when the caller repeats it (its
     * 200 was lost), the callee gets the repeat as the same request and answers it again, and that
     * answer reaches the caller.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRepeatedByeReachesTheCalleeAsTheSameRequestAndItsAnswerReachesTheCaller(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            SipAgent alice = agent(f, "alice", "UDP");
            SipAgent bob = agent(f, "bob", "UDP");
            SipAgent.Answered answered = alice.callAnsweredBy(bob);
            SipAgent.Call call = answered.call();
            SipAgent.Incoming in = answered.callee();
            assertThat(in.awaitAck(5000)).isNotNull();

            AtomicReference<SipMsg> firstBye = new AtomicReference<>();
            Thread answering = Thread.ofVirtual().start(() -> {
                firstBye.set(in.awaitRequest("BYE", 5000));
                bob.respond(firstBye.get(), 200, "OK", null, false);
            });
            assertThat(call.bye().status()).as("alice's BYE is answered").isEqualTo(200);
            join(answering);

            SipMsg repeated = repeatedUntilSeen(call::repeatLastRequest, () -> in.awaitRequest("BYE", REPEAT_MILLIS));
            assertThat(repeated).as("the repeated BYE reaches bob").isNotNull();
            assertThat(branchOf(repeated.first("Via"))).as("as the same request")
                    .isEqualTo(branchOf(firstBye.get().first("Via")));
            bob.respond(repeated, 200, "OK", null, false);
            SipMsg okAgain = alice.await(m -> !m.isRequest() && m.status() == 200 && "BYE".equals(m.cseqMethod()),
                    5000);
            assertThat(okAgain).as("bob's answer to the repeat reaches alice").isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyBindingRingsTheFirstAnswerWinsAndTheOthersAreCancelled(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            SipAgent alice = agent(f, "alice", "UDP");
            SipAgent desk = agent(f, "bob", "UDP");
            SipAgent mobile = agent(f, "bob", "TCP");

            SipAgent.Call call = alice.call("bob");
            SipAgent.Incoming onDesk = desk.awaitCall(5000);
            SipAgent.Incoming onMobile = mobile.awaitCall(5000);
            assertThat(onDesk).isNotNull();
            assertThat(onMobile).isNotNull();
            onDesk.ring();
            onMobile.ring();
            onMobile.answer();
            assertThat(call.awaitFinal(5000).status()).isEqualTo(200);
            SipMsg cancel = desk.awaitRequest("CANCEL", 5000);
            assertThat(cancel).as("the desk phone stops ringing").isNotNull();
            desk.respond(cancel, 200, "OK", null, false);
            onDesk.reject(487, "Request Terminated");
            call.ack();
            assertThat(onMobile.awaitAck(5000)).isNotNull();
            Thread answer = Thread.ofVirtual().start(() -> {
                SipMsg bye = onMobile.awaitRequest("BYE", 5000);
                mobile.respond(bye, 200, "OK", null, false);
            });
            assertThat(call.bye().status()).isEqualTo(200);
            join(answer);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void cancelBusyNoAnswerAndUnreachableCalleesGetTheRightFinalResponse(Backend backend) {
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_CALL_RING_TIMEOUT", "2s"))) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            f.endpoint("carol", PASSWORD);
            SipAgent alice = agent(f, "alice", "UDP");
            SipAgent bob = agent(f, "bob", "UDP");

            // the caller cancels before an answer: 487
            SipAgent.Call cancelled = alice.call("bob");
            SipAgent.Incoming ringing = bob.awaitCall(5000);
            ringing.ring();
            assertThat(cancelled.awaitProvisional(180, 5000)).isNotNull();
            cancelled.cancel();
            assertThat(cancelled.awaitCancelResponse(5000).status()).isEqualTo(200);
            assertThat(cancelled.awaitFinal(5000).status()).isEqualTo(487);
            SipMsg cancel = bob.awaitRequest("CANCEL", 5000);
            assertThat(cancel).as("bob's phone stops ringing").isNotNull();
            bob.respond(cancel, 200, "OK", null, false);
            ringing.reject(487, "Request Terminated");

            // busy passes through
            SipAgent.Call busy = alice.call("bob");
            bob.awaitCall(5000).reject(486, "Busy Here");
            assertThat(busy.awaitFinal(5000).status()).isEqualTo(486);

            // no answer within the ring timeout: 480, and the callee is cancelled
            SipAgent.Call unanswered = alice.call("bob");
            SipAgent.Incoming waiting = bob.awaitCall(5000);
            waiting.ring();
            SipMsg timeout = unanswered.awaitFinal(10_000);
            assertThat(timeout.status()).isEqualTo(480);
            assertThat(timeout.first("Reason")).contains("ring timeout");
            SipMsg timeoutCancel = bob.awaitRequest("CANCEL", 5000);
            assertThat(timeoutCancel).isNotNull();
            bob.respond(timeoutCancel, 200, "OK", null, false);
            waiting.reject(487, "Request Terminated");

            // a callee with no registration: 480; an unknown user: 404
            SipMsg notRegistered = alice.call("carol").awaitFinal(5000);
            assertThat(notRegistered.status()).isEqualTo(480);
            assertThat(notRegistered.first("Reason")).contains("not registered");
            SipMsg unknown = alice.call("nobody-here").awaitFinal(5000);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.first("Reason")).contains("cause=404");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void callersAreAuthenticatedAndMustBelongToAServedDomain(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            SipAgent alice = agent(f, "alice", "UDP");

            SipMsg challenge = alice.call("bob", false, List.of()).awaitFinal(5000);
            assertThat(challenge.status()).isEqualTo(407);
            assertThat(challenge.all("Proxy-Authenticate")).isNotEmpty();

            alice.phone().password("wrong-password-123");
            SipMsg wrong = alice.call("bob").awaitFinal(5000);
            assertThat(wrong.status()).isEqualTo(403);

            SipAgent stranger = new SipAgent(new dev.sipyard.testing.SipPhone(f.udp(), "alice", "elsewhere.example",
                    PASSWORD));
            SipMsg foreign = stranger.call("sip:bob@" + f.domain, false, List.of()).awaitFinal(5000);
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.first("Reason")).contains("domain");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void calleesOnTlsAndWebSocketAreCalledOverTheirOwnConnection(Backend backend) {
        try (SipFixture f = new SipFixture(backend, dev.sipyard.testing.TestServer.ALL_SIP_LISTENERS)) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            f.endpoint("carol", PASSWORD);
            SipAgent alice = agent(f, "alice", "UDP");
            SipAgent bob = new SipAgent(f.phone(f.tls(), "bob", PASSWORD));
            bob.register();
            SipAgent carol = new SipAgent(f.phone(f.ws(), "carol", PASSWORD));
            carol.register();
            for (SipAgent callee : List.of(bob, carol)) {
                String user = callee.phone().user();
                SipAgent.Call call = alice.call(user);
                SipAgent.Incoming in = callee.awaitCall(5000);
                assertThat(in).as("%s is offered the call over its own connection", user).isNotNull();
                in.answer();
                assertThat(call.awaitFinal(5000).status()).isEqualTo(200);
                call.ack();
                assertThat(in.awaitAck(5000)).as("the ACK reaches %s", user).isNotNull();
                Thread answer = Thread.ofVirtual().start(() -> callee.respond(in.awaitRequest("BYE", 5000), 200, "OK",
                        null, false));
                assertThat(call.bye().status()).isEqualTo(200);
                join(answer);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPhoneBehindNatIsCalledWhereItRegisteredFromNotAtItsContact(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            SipAgent alice = agent(f, "alice", "UDP");
            // bob's Contact names an address nothing listens on (its private address behind NAT)
            SipAgent bob = new SipAgent(f.phone(f.udp(), "bob", PASSWORD).contact("sip:bob@127.0.0.99:5999"));
            bob.register();
            SipAgent.Call call = alice.call("bob");
            SipAgent.Incoming in = bob.awaitCall(5000);
            assertThat(in).as("the INVITE reaches the address bob registered from").isNotNull();
            assertThat(in.invite.uri()).isEqualTo("sip:bob@127.0.0.99:5999");
            in.reject(486, "Busy Here");
            assertThat(call.awaitFinal(5000).status()).isEqualTo(486);
        }
    }

    /**
     * Sends a repeat the way a phone retransmits (every T1, at most four times) until {@code seen}
     * returns it at the far end. A repeat that reaches the server while the first copy is still
     * being handled is absorbed there, as a retransmission; the phone's next one goes on.
     */
    private static SipMsg repeatedUntilSeen(Runnable repeat, Supplier<SipMsg> seen) {
        for (int attempt = 0; attempt < 4; attempt++) {
            repeat.run();
            SipMsg m = seen.get();
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static String branchOf(String via) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(";\\s*branch=([^;\\s,]+)").matcher(via);
        assertThat(m.find()).as(via).isTrue();
        return m.group(1);
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
