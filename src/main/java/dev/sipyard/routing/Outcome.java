package dev.sipyard.routing;

/** What the engine reports back to a {@link CallScript} after carrying out the previous {@link Step}. */
public sealed interface Outcome {
    /** The first call: nothing has happened yet. */
    record Start() implements Outcome {}

    /** A 2xx document fetch; {@code url} is the final URL (after HTTP redirects), relative URLs resolve against it. */
    record Fetched(String url, String body, String contentType) implements Outcome {}

    /** A fetch that failed: {@code httpStatus} is the non-2xx status, or 0 when there was no response. */
    record FetchFailed(String url, int httpStatus, String error) implements Outcome {}

    /** A {@link Step.Pause} is over. */
    record Paused() implements Outcome {}

    /** A {@link Step.Dial} ended; {@code sipCode} is the final SIP response, null when there was none. */
    record Dialed(DialStatus status, String dialCallSid, int durationSeconds, Integer sipCode) implements Outcome {}

    /** A {@link Step.Answer} happened (or the caller was answered already). */
    record Answered() implements Outcome {}

    /**
     * A {@link Step.Play} ended.
     *
     * @param digits  the DTMF gathered (empty when none or when nothing was to be gathered)
     * @param endedBy why: {@code finish-key}, {@code max-digits}, {@code timeout}, {@code prompts-ended}
     */
    record Played(String digits, String endedBy) implements Outcome {}

    /**
     * A {@link Step.Record} ended and its recording is stored.
     *
     * @param recordingSid null when nothing could be recorded
     * @param digits       the key that ended it, or empty
     */
    record Recorded(String recordingSid, String recordingUrl, int durationSeconds, String digits) implements Outcome {}
}
