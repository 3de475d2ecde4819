package dev.sipyard.config;

/** A setting that cannot be used; the message names it and says why, in one line. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message, null, false, false);
    }
}
