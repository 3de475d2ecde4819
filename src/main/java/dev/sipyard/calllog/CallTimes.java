package dev.sipyard.calllog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the Compatibility API shows them: RFC 2822, UTC, e.g. {@code Wed, 02 Dec 2026 17:00:00 +0000}. */
public final class CallTimes {
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private CallTimes() {}

    public static String rfc2822(long epochMillis) {
        return RFC_2822.format(Instant.ofEpochMilli(epochMillis));
    }
}
