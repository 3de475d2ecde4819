package dev.sipyard.sip.transport;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a UDP server transaction keeps (RFC 3261 §17.2.2), and nothing more: for each request,
 * whether it is being answered and, once answered, the bytes that answer a retransmission of it.
 * A retransmitted request is answered again, or ignored while the first copy is in hand.
 *
 * <p>Nothing kept per request is an object: a request is a 64-bit key (a {@link SipHash} of its
 * transaction's identifiers) in an open-addressing table, its answer a run of bytes in a chunk of
 * 256 kB, and chunks are reused. At thousands of registrations a second the kept answers are
 * hundreds of thousands; as objects they filled the heap and slowed every young collection, which
 * had to scan them (bench/README.md, "What limits the registrar's sustained rate").
 *
 * <p>Entries live in a ring of generations: each lives at least the window (timer J is 32 s) and at
 * most one generation longer. At most {@code maxBytes} of answers are kept; past that an answer
 * is not kept, and the count of those is logged. A retransmission of a request whose answer was not
 * kept is dropped, not answered anew: a retransmitted authenticated REGISTER carries a nonce count
 * already used, which would count as a replay toward a ban. The phone's transaction times out and
 * it registers again.
 */
final class KeptAnswers {
    private static final Logger log = LoggerFactory.getLogger(KeptAnswers.class);
    static final int CHUNK_BYTES = 1 << 18;
    private static final int CHUNK_BITS = 18;
    private static final int MAX_ANSWER = 0xffff;
    private static final int PENDING = -1;
    private static final int NOT_KEPT = -2;

    /** What to do with a request. */
    sealed interface Seen {
        /** First time: answer it, then call {@link #answered}. */
        record New() implements Seen {}

        /**
         * A retransmission with nothing to send: drop it. Its first copy is still being answered,
         * or its answer was not kept because the store was full.
         */
        record Drop() implements Seen {}

        /** A retransmission of an answered request: answer it with these bytes. */
        record Answered(byte[] answer) implements Seen {}
    }

    private static final Seen NEW = new Seen.New();
    private static final Seen DROP = new Seen.Drop();

    private final Clock clock;
    private final long generationMillis;
    private final int maxChunks;
    /** Newest first. */
    private final Generation[] generations;
    private final ArrayDeque<byte[]> spareChunks = new ArrayDeque<>();
    private int chunksMade;
    private long rotatedAt;
    private long notKept;
    private long notKeptAtRotation;

    /**
     * Entries live between {@code windowMillis} and {@code windowMillis} plus one of
     * {@code slices} parts of it; at most {@code maxBytes} of answers (rounded up to a chunk).
     */
    KeptAnswers(long windowMillis, int slices, long maxBytes, Clock clock) {
        this.clock = clock;
        this.generationMillis = windowMillis / slices;
        this.maxChunks = (int) Math.max(1, Math.min(1 << (31 - CHUNK_BITS), (maxBytes + CHUNK_BYTES - 1) / CHUNK_BYTES));
        this.generations = new Generation[slices + 1];
        for (int i = 0; i < generations.length; i++) {
            generations[i] = new Generation();
        }
        this.rotatedAt = clock.millis();
    }

    synchronized Seen begin(long key) {
        rotateIfDue();
        for (Generation g : generations) {
            int slot = g.find(key);
            if (slot < 0) {
                continue;
            }
            int ref = g.refs[slot];
            if (ref == PENDING || ref == NOT_KEPT) {
                return DROP;
            }
            return new Seen.Answered(g.read(ref));
        }
        generations[0].put(key, PENDING);
        return NEW;
    }

    /** The answer to the request {@code key} begun, to send again to its retransmissions. */
    synchronized void answered(long key, byte[] answer) {
        Generation g = generations[0];
        int ref = answer.length <= MAX_ANSWER ? g.append(answer, this) : NOT_KEPT;
        if (ref == NOT_KEPT) {
            notKept++;
        }
        g.put(key, ref);
    }

    /** Requests kept (begun or answered). */
    synchronized int size() {
        int n = 0;
        for (Generation g : generations) {
            n += g.count;
        }
        return n;
    }

    /** Bytes held for answers (whole chunks, in use or spare). */
    synchronized long chunkBytes() {
        return (long) chunksMade * CHUNK_BYTES;
    }

    /** Answers not kept because the limit was reached, since start. */
    synchronized long notKept() {
        return notKept;
    }

    private byte[] chunk() {
        byte[] spare = spareChunks.poll();
        if (spare != null) {
            return spare;
        }
        if (chunksMade >= maxChunks) {
            return null;
        }
        chunksMade++;
        return new byte[CHUNK_BYTES];
    }

    private void rotateIfDue() {
        long now = clock.millis();
        long due = (now - rotatedAt) / generationMillis;
        if (due <= 0) {
            return;
        }
        for (long i = 0; i < Math.min(due, generations.length); i++) {
            // the oldest generation is dropped; it is cleared and reused as the newest
            Generation oldest = generations[generations.length - 1];
            System.arraycopy(generations, 0, generations, 1, generations.length - 1);
            oldest.clear(spareChunks);
            generations[0] = oldest;
        }
        rotatedAt = now;
        if (notKept > notKeptAtRotation) {
            log.warn("{} answers were not kept for retransmissions: the limit of {} MB of kept answers is reached "
                    + "(their retransmissions are dropped)", notKept - notKeptAtRotation,
                    (long) maxChunks * CHUNK_BYTES >> 20);
            notKeptAtRotation = notKept;
        }
    }

    /** One generation: a table from key to answer reference, and the chunks holding the answers. */
    private static final class Generation {
        private static final int INITIAL = 1 << 10;
        long[] keys = new long[INITIAL];
        int[] refs = new int[INITIAL];
        int count;
        final ArrayList<byte[]> chunks = new ArrayList<>();
        int chunkPos = CHUNK_BYTES;

        int find(long key) {
            long k = nonZero(key);
            int mask = keys.length - 1;
            for (int i = (int) k & mask; ; i = (i + 1) & mask) {
                if (keys[i] == k) {
                    return i;
                }
                if (keys[i] == 0) {
                    return -1;
                }
            }
        }

        void put(long key, int ref) {
            if ((count + 1) * 4L > keys.length * 3L) {
                resize(keys.length * 2);
            }
            long k = nonZero(key);
            int mask = keys.length - 1;
            int i = (int) k & mask;
            while (keys[i] != 0 && keys[i] != k) {
                i = (i + 1) & mask;
            }
            if (keys[i] == 0) {
                keys[i] = k;
                count++;
            }
            refs[i] = ref;
        }

        /** Copies {@code answer} into a chunk: its reference, or NOT_KEPT when no chunk is left. */
        int append(byte[] answer, KeptAnswers owner) {
            int need = 2 + answer.length;
            if (chunkPos + need > CHUNK_BYTES) {
                byte[] next = owner.chunk();
                if (next == null) {
                    return NOT_KEPT;
                }
                chunks.add(next);
                chunkPos = 0;
            }
            byte[] chunk = chunks.get(chunks.size() - 1);
            int at = chunkPos;
            chunk[at] = (byte) (answer.length >>> 8);
            chunk[at + 1] = (byte) answer.length;
            System.arraycopy(answer, 0, chunk, at + 2, answer.length);
            chunkPos += need;
            return (chunks.size() - 1) << CHUNK_BITS | at;
        }

        byte[] read(int ref) {
            byte[] chunk = chunks.get(ref >>> CHUNK_BITS);
            int at = ref & (CHUNK_BYTES - 1);
            int length = (chunk[at] & 0xff) << 8 | (chunk[at + 1] & 0xff);
            return Arrays.copyOfRange(chunk, at + 2, at + 2 + length);
        }

        void clear(ArrayDeque<byte[]> spare) {
            // a table that a burst grew and that is now mostly empty shrinks by half at each clear
            if (count * 8L < keys.length && keys.length > INITIAL) {
                keys = new long[keys.length / 2];
                refs = new int[keys.length];
            } else {
                Arrays.fill(keys, 0);
            }
            count = 0;
            spare.addAll(chunks);
            chunks.clear();
            chunkPos = CHUNK_BYTES;
        }

        private void resize(int size) {
            long[] oldKeys = keys;
            int[] oldRefs = refs;
            keys = new long[size];
            refs = new int[size];
            count = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    put(oldKeys[i], oldRefs[i]);
                }
            }
        }

        private static long nonZero(long key) {
            return key == 0 ? 1 : key;
        }
    }
}
