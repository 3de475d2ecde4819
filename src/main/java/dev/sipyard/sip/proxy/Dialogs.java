package dev.sipyard.sip.proxy;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.address.Hop;

/**
 * Where the two sides of each established call are reached (the flow each used: address, port,
 * transport), by Call-ID, so that BYE, re-INVITE, INFO and ACK go to a phone behind NAT or over
 * its own TCP/TLS/WebSocket connection rather than to whatever its Contact says. Entries end
 * with the BYE's final response, or after a day for a call nobody hung up.
 */
final class Dialogs {
    private static final long MAX_AGE_MILLIS = 24 * 3600_000L;

    /** The flows of one call: the caller's (where its INVITE came from) and the callee's, and what the call counts against in the limits. */
    record Flows(Hop caller, Hop callee, String callSid, String limitKey, long createdAt) {

        /** The flow on the other side of {@code address:port}, or null when it is neither side. */
        Hop oppositeOf(String address, int port) {
            if (matches(caller, address, port)) {
                return callee;
            }
            if (callee != null && matches(callee, address, port)) {
                return caller;
            }
            return null;
        }

        private static boolean matches(Hop hop, String address, int port) {
            return hop.getHost().equals(address) && hop.getPort() == port;
        }
    }

    private final ConcurrentHashMap<String, Flows> byCallId = new ConcurrentHashMap<>();
    private final Clock clock;

    Dialogs(Clock clock) {
        this.clock = clock;
    }

    void established(String callId, Hop caller, Hop callee, String callSid, String limitKey) {
        byCallId.put(callId, new Flows(caller, callee, callSid, limitKey, clock.millis()));
    }

    Flows find(String callId) {
        return byCallId.get(callId);
    }

    /** Forgets a call; true for the one caller that actually removed it (a BYE can be answered twice). */
    boolean end(String callId) {
        return byCallId.remove(callId) != null;
    }

    int size() {
        return byCallId.size();
    }

    void purge() {
        long oldest = clock.millis() - MAX_AGE_MILLIS;
        byCallId.values().removeIf(f -> f.createdAt() < oldest);
    }
}
