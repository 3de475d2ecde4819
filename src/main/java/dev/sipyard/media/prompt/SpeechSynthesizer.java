package dev.sipyard.media.prompt;

import dev.sipyard.media.audio.AudioClip;
import java.time.Duration;

/** Text to speech with espeak-ng. */
public final class SpeechSynthesizer {
    public SpeechSynthesizer(String command, Duration timeout, int maxChars, long cacheBytes) {
    }

    public boolean available() {
        return false;
    }

    public AudioClip speak(String text, String voice, String language) throws PromptFailure {
        throw new PromptFailure("text to speech is not implemented yet");
    }
}
