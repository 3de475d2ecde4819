package dev.sipyard.calllog;

/** One thing that happened during a call (table {@code call_events}); {@code detail} is a JSON object as text. */
public record CallEvent(String id, String callId, long at, String kind, String detail) {}
