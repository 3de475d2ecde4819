package dev.sipyard.media.prompt;

/** A prompt that cannot be rendered; the message is one user-facing line. */
public class PromptFailure extends Exception {
    public PromptFailure(String message) {
        super(message, null, false, false);
    }
}
