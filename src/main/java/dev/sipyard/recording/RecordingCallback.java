package dev.sipyard.recording;

/**
 * Where a recording's status callback goes ({@code recordingStatusCallback} and
 * {@code recordingStatusCallbackMethod}): an absolute http(s) URL, and GET or POST (null: POST).
 */
public record RecordingCallback(String url, String method) {}
