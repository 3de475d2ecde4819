package dev.sipyard.recording;

/**
 * One stored recording: a mono WAV file of a call and what is known about it. Times are epoch
 * milliseconds; the recording was stored when it ended, so {@code createdAt} is its end.
 *
 * @param sid             the recording's id (RecordingSid)
 * @param callSid         the recorded call (null for a recording of no single call)
 * @param status          {@code completed}
 * @param source          how it was made, in Twilio's words ({@code RecordVerb}, ...)
 * @param fileName        the WAV file, relative to the data folder
 * @param errorCode       why it failed, when it did (null otherwise)
 */
public record Recording(String sid, String projectId, String callSid, String status, String source, int channels,
                        int sampleRate, int durationSeconds, long sizeBytes, String fileName, Integer errorCode,
                        long createdAt, long updatedAt) {

    /** When the recording began: its end less its duration. */
    public long startedAt() {
        return createdAt - durationSeconds * 1000L;
    }
}
