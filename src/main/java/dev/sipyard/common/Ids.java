package dev.sipyard.common;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Row ids: UUID version 7 (time-ordered, RFC 9562), so ordering by id is creation order
 * and keyset pagination needs only the id.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static long lastMillis;
    private static long sequence;

    private Ids() {}

    public static String newId() {
        long millis;
        long seq;
        synchronized (Ids.class) {
            millis = System.currentTimeMillis();
            if (millis <= lastMillis) {
                millis = lastMillis;
                sequence++;
                if (sequence > 0xFFF) {
                    millis = ++lastMillis;
                    sequence = 0;
                }
            } else {
                lastMillis = millis;
                sequence = 0;
            }
            seq = sequence;
        }
        // 48 bits of milliseconds, version 7, 12 bits of in-millisecond sequence (monotonic on this node).
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** True for a lower-case, hyphenated UUID, the only id form the API accepts. */
    public static boolean isId(String s) {
        return s != null && s.length() == 36 && CANONICAL.matcher(s).matches();
    }
}
