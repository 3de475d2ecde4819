package dev.sipyard.media;

/** Every RTP/RTCP port pair of the configured range is in use. */
public class NoPortAvailable extends Exception {
    public NoPortAvailable(String message) {
        super(message);
    }
}
