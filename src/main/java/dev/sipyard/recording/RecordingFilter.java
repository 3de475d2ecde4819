package dev.sipyard.recording;

/**
 * Which recordings a list shows; null fields do not filter. Creation times are epoch
 * milliseconds, {@code createdFrom} inclusive and {@code createdUntil} exclusive.
 */
public record RecordingFilter(String callSid, Long createdFrom, Long createdUntil) {
    public static final RecordingFilter NONE = new RecordingFilter(null, null, null);

    public static RecordingFilter ofCall(String callSid) {
        return new RecordingFilter(callSid, null, null);
    }
}
