package dev.sipyard.media.audio;

/** Bytes that are not audio we can decode; the message is one user-facing line. */
public class UnsupportedAudio extends Exception {
    public UnsupportedAudio(String message) {
        super(message, null, false, false);
    }
}
