package dev.sipyard.api;

/**
 * The one byte range a {@code Range} header asks for (RFC 9110 §14.1.2), within a body of known
 * size: {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}. Anything else
 * (several ranges, other units, malformed values) is ignored, as the RFC allows: the whole body is
 * served then.
 *
 * @param first the first byte served
 * @param last  the last byte served (inclusive)
 */
record ByteRange(long first, long last) {
    /** A range that starts past the end of the body: answered 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /** The range to serve of a body of {@code size} bytes, {@link #UNSATISFIABLE}, or null for the whole body. */
    static ByteRange of(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        boolean suffixForm = a.isEmpty() && digits(b);
        boolean fromForm = digits(a) && (b.isEmpty() || digits(b));
        if (!suffixForm && !fromForm) {
            return null;
        }
        if (suffixForm) {
            long suffix = Long.parseLong(b);
            return suffix == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(a);
        if (!b.isEmpty() && Long.parseLong(b) < first) {
            return null; // invalid: ignored
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new ByteRange(first, b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1));
    }

    /** 1 to 18 digits: a value that fits a long. */
    private static boolean digits(String s) {
        return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
