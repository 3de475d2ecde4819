package dev.sipyard.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps are stored as epoch milliseconds and shown as ISO-8601 UTC with second precision. */
public final class Times {
    private Times() {}

    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
