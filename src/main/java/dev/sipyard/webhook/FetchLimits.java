package dev.sipyard.webhook;

import java.time.Duration;

/**
 * The time limits of one fetch: connect, read (until the response starts) and the whole fetch.
 * SignalWire's URL fragment {@code #ot=..&rt=..&tt=..} (milliseconds) overrides the defaults;
 * a value outside its range is pulled to the nearest bound, one that is not a number is ignored.
 */
record FetchLimits(Duration connect, Duration read, Duration total) {
    static final FetchLimits DEFAULTS = new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(15));

    /** The limits a URL fragment asks for (null or empty: the defaults). */
    static FetchLimits fromFragment(String fragment) {
        FetchLimits l = DEFAULTS;
        if (fragment == null || fragment.isEmpty()) {
            return l;
        }
        Duration connect = l.connect();
        Duration read = l.read();
        Duration total = l.total();
        for (String part : fragment.split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq);
            Long ms = millis(part.substring(eq + 1));
            if (ms == null) {
                continue;
            }
            switch (name) {
                case "ot" -> connect = Duration.ofMillis(clamp(ms, 100, 10_000));
                case "rt" -> read = Duration.ofMillis(clamp(ms, 100, 15_000));
                case "tt" -> total = Duration.ofMillis(clamp(ms, 100, 15_000));
                default -> { }
            }
        }
        return new FetchLimits(connect, read, total);
    }

    private static Long millis(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(s);
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
