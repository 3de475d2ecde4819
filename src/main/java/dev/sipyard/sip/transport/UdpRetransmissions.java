package dev.sipyard.sip.transport;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What a UDP server transaction keeps, and nothing more: for each request (top Via branch and
 * sent-by, Call-ID, CSeq) whether it is being answered and, once answered, the response. A
 * retransmitted request is answered with the same response, or ignored while the first is in
 * hand (RFC 3261 §17.2.2). Entries are kept in a ring of generations: each lives at least the
 * window (timer J is 32 s) and at most one generation longer, so the memory is the answer rate
 * times about that window times the size of an entry (about 600 bytes); JAIN-SIP's own
 * transactions hold the whole parsed request and response for the same 32 s.
 */
final class UdpRetransmissions<R> {
    private static final Object PENDING = new Object();

    private final long generationMillis;
    /** Newest first. */
    private final ConcurrentHashMap<String, Object>[] generations;
    private volatile long rotatedAt = System.currentTimeMillis();

    /** Entries live between {@code windowMillis} and {@code windowMillis} plus one of {@code slices} parts of it. */
    @SuppressWarnings("unchecked")
    UdpRetransmissions(long windowMillis, int slices) {
        this.generationMillis = windowMillis / slices;
        this.generations = new ConcurrentHashMap[slices + 1];
        for (int i = 0; i < generations.length; i++) {
            generations[i] = new ConcurrentHashMap<>();
        }
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
        Object prior = generations[0].putIfAbsent(key, PENDING);
        for (int i = 1; prior == null && i < generations.length; i++) {
            prior = generations[i].get(key);
        }
        if (prior == null) {
            return new Seen.New();
        }
        if (prior == PENDING) {
            return new Seen.InHand();
        }
        @SuppressWarnings("unchecked")
        R response = (R) prior;
        return new Seen.Answered<>(response);
    }

    void answered(String key, R response) {
        generations[0].put(key, response);
    }

    int size() {
        int n = 0;
        for (ConcurrentHashMap<String, Object> g : generations) {
            n += g.size();
        }
        return n;
    }

    private void rotateIfDue() {
        long now = System.currentTimeMillis();
        if (now - rotatedAt > generationMillis) {
            synchronized (this) {
                if (now - rotatedAt > generationMillis) {
                    // the oldest generation is dropped; its map is cleared and reused as the newest
                    ConcurrentHashMap<String, Object> oldest = generations[generations.length - 1];
                    System.arraycopy(generations, 0, generations, 1, generations.length - 1);
                    oldest.clear();
                    generations[0] = oldest;
                    rotatedAt = now;
                }
            }
        }
    }
}
