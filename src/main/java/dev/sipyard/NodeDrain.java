package dev.sipyard;

import dev.sipyard.drain.Drain;
import dev.sipyard.sip.SipService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graceful stop of one node among several (README, "Upgrading a cluster"): from its first
 * step the node refuses new registrations and calls with 503 and its health check answers 503
 * "draining"; it waits (up to {@code SIPYARD_DRAIN_SECONDS}) for its calls to end and the
 * registrations in hand to be stored; then it hangs up the calls its media engine answered and
 * hands its leased status callbacks back to the other nodes. Closing follows (the call log's
 * pending writes are flushed there).
 */
final class NodeDrain {
    private static final Logger log = LoggerFactory.getLogger(NodeDrain.class);
    /** How long callbacks being sent may take to finish once the calls are over, at most. */
    private static final Duration DELIVERY_GRACE = Duration.ofSeconds(2);
    static final String HANG_UP_REASON = "This server is shutting down";

    private final SipyardServer server;
    private final Drain drain;

    NodeDrain(SipyardServer server, Drain drain) {
        this.server = server;
        this.drain = drain;
    }

    void run() {
        if (!drain.begin()) {
            return;
        }
        long started = System.nanoTime();
        SipService sip = server.sip();
        log.atInfo().addKeyValue("active_calls", sip.activeCalls())
                .addKeyValue("registrations_in_hand", sip.registrationsInHand())
                .addKeyValue("sip_transactions", sip.transactions())
                .addKeyValue("callbacks_in_flight", server.outbox().inFlight())
                .log("draining: new registrations and calls get 503, /api/healthz 503; waiting up to {} s for "
                                + "{} active call(s) and {} registration(s) in hand ({} SIP transaction(s) open, "
                                + "{} callback(s) being sent)", drain.remaining().toSeconds(), sip.activeCalls(),
                        sip.registrationsInHand(), sip.transactions(), server.outbox().inFlight());
        Drain.Ending ending;
        try {
            ending = drain.awaitQuiet(() -> sip.activeCalls() + sip.registrationsInHand());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = Drain.Ending.HURRIED;
        }
        int callsLeft = sip.activeCalls();
        int hungUp = sip.hangUpMediaCalls(HANG_UP_REASON);
        Duration grace = drain.isHurried() ? Duration.ZERO : min(DELIVERY_GRACE, drain.remaining());
        int handedBack = server.outbox().handBack(grace, server.webhooks()::close);
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.atInfo().addKeyValue("ending", ending.name().toLowerCase(java.util.Locale.ROOT))
                .addKeyValue("duration_ms", millis).addKeyValue("calls_left", callsLeft)
                .addKeyValue("media_calls_hung_up", hungUp).addKeyValue("callbacks_handed_back", handedBack)
                .log("drained in {} ms ({}): {} call(s) left, {} answered here hung up with BYE, {} leased "
                        + "callback(s) handed back to the other nodes", millis, describe(ending), callsLeft, hungUp,
                        handedBack);
    }

    private static String describe(Drain.Ending ending) {
        return switch (ending) {
            case QUIET -> "every call ended";
            case DEADLINE -> "the drain time passed";
            case HURRIED -> "a second stop signal";
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
