package dev.sipyard.media.sdp;

/** An SDP offer or answer we read but cannot serve (no common codec, encryption refused...); one-line message. */
public class NotAcceptable extends Exception {
    public NotAcceptable(String message) {
        super(message, null, false, false);
    }
}
