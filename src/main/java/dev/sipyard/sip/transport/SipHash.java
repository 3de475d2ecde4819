package dev.sipyard.sip.transport;

import java.security.SecureRandom;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit hash. {@link KeptAnswers} keys its
 * entries by this hash of a transaction's identifiers, with a key drawn at start, so that no
 * sender can choose requests that collide with each other (a slow table) or with someone else's
 * transaction (a kept answer sent to the wrong party). The proxy derives the branch of a relayed
 * ACK from the incoming one with it.
 *
 * <p>Strings are hashed as their UTF-16LE bytes, four characters to a 64-bit word, without
 * copying them.
 */
public final class SipHash {
    private final long k0;
    private final long k1;

    SipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** A hash with a key nobody outside this process knows. */
    public static SipHash withRandomKey() {
        SecureRandom random = new SecureRandom();
        return new SipHash(random.nextLong(), random.nextLong());
    }

    /** The hash of {@code bytes}, as the algorithm's reference defines it. */
    long hash(byte[] bytes) {
        State s = new State(k0, k1);
        for (byte b : bytes) {
            s.addByte(b & 0xff);
        }
        return s.finish();
    }

    /**
     * The hash of three strings and a number. Each string is followed by its length (null has
     * length -1), so ("ab", "c") and ("a", "bc") differ.
     */
    public long hash(String a, String b, String c, long n) {
        State s = new State(k0, k1);
        s.addChars(a);
        s.addChars(b);
        s.addChars(c);
        s.addWord(n);
        return s.finish();
    }

    private static final class State {
        private long v0;
        private long v1;
        private long v2;
        private long v3;
        private long pending;
        private int pendingBytes;
        private long length;

        State(long k0, long k1) {
            v0 = k0 ^ 0x736f6d6570736575L;
            v1 = k1 ^ 0x646f72616e646f6dL;
            v2 = k0 ^ 0x6c7967656e657261L;
            v3 = k1 ^ 0x7465646279746573L;
        }

        void addByte(int b) {
            pending |= (long) b << (8 * pendingBytes);
            length++;
            if (++pendingBytes == 8) {
                compress(pending);
                pending = 0;
                pendingBytes = 0;
            }
        }

        /** The characters as UTF-16LE bytes, then the count of characters as a 32-bit number. */
        void addChars(String s) {
            int n = s == null ? -1 : s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                addByte(c & 0xff);
                addByte(c >>> 8);
            }
            for (int i = 0; i < 4; i++) {
                addByte((n >>> (8 * i)) & 0xff);
            }
        }

        void addWord(long w) {
            for (int i = 0; i < 8; i++) {
                addByte((int) (w >>> (8 * i)) & 0xff);
            }
        }

        long finish() {
            long last = pending | (length & 0xff) << 56;
            compress(last);
            v2 ^= 0xff;
            for (int i = 0; i < 4; i++) {
                round();
            }
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private void compress(long m) {
            v3 ^= m;
            round();
            round();
            v0 ^= m;
        }

        private void round() {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
        }
    }
}
