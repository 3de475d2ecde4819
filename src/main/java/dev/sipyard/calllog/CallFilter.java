package dev.sipyard.calllog;

/**
 * Which calls a list shows; null fields do not filter. Start times are epoch milliseconds,
 * {@code startFrom} inclusive and {@code startUntil} exclusive.
 */
public record CallFilter(String to, String from, String status, String parentCallId, Long startFrom,
                         Long startUntil) {
    public static final CallFilter NONE = new CallFilter(null, null, null, null, null, null);
}
