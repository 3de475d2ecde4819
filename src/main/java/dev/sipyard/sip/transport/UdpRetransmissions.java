package dev.sipyard.sip.transport;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What a UDP server transaction keeps, and nothing more: for each request (top Via branch and
 * sent-by, Call-ID, CSeq) whether it is being answered and, once answered, the response text. A
 * retransmitted request is answered with the same response, or ignored while the first is in
 * hand (RFC 3261 §17.2.2). Entries live 32 to 64 s (timer J is 32 s) in two generations, so the
 * memory is the answer rate times that window times about 700 bytes; JAIN-SIP's own transactions
 * hold the whole parsed request and response for the same 32 s.
 */
final class UdpRetransmissions<R> {
    private static final Object PENDING = new Object();

    private final long generationMillis;
    private volatile ConcurrentHashMap<String, Object> current = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, Object> previous = new ConcurrentHashMap<>();
    private volatile long rotatedAt = System.currentTimeMillis();

    UdpRetransmissions(long windowMillis) {
        this.generationMillis = windowMillis;
    }

    /** What to do with a request. */
    sealed interface Seen {
        /** First time: answer it, then call {@link #answered}. */
        record New() implements Seen {}

        /** A retransmission while the first copy is still being answered: drop it. */
        record InHand() implements Seen {}

        /** A retransmission of an answered request: send this response again. */
        record Answered<R>(R response) implements Seen {}
    }

    Seen begin(String key) {
        rotateIfDue();
        Object prior = current.putIfAbsent(key, PENDING);
        if (prior == null) {
            prior = previous.get(key);
            if (prior == null) {
                return new Seen.New();
            }
        }
        if (prior == PENDING) {
            return new Seen.InHand();
        }
        @SuppressWarnings("unchecked")
        R response = (R) prior;
        return new Seen.Answered<>(response);
    }

    void answered(String key, R response) {
        current.put(key, response);
    }

    int size() {
        return current.size() + previous.size();
    }

    private void rotateIfDue() {
        long now = System.currentTimeMillis();
        if (now - rotatedAt > generationMillis) {
            synchronized (this) {
                if (now - rotatedAt > generationMillis) {
                    previous = current;
                    current = new ConcurrentHashMap<>();
                    rotatedAt = now;
                }
            }
        }
    }
}
