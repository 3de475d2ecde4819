package dev.sipyard.media.prompt;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.routing.Step;

/**
 * Renders the prompts of a Play step to audio: speech with the {@link SpeechSynthesizer}, audio
 * URLs with the {@link AudioFetcher}, and silence (at 8 kHz, at most {@value #MAX_SILENCE_MS} ms;
 * a negative length is none). Digits are not audio here: the media stream sends them.
 */
public final class Prompts {
    static final int MAX_SILENCE_MS = 10 * 60 * 1000;
    private static final int SILENCE_RATE = 8000;

    private final SpeechSynthesizer speech;
    private final AudioFetcher fetcher;

    public Prompts(SpeechSynthesizer speech, AudioFetcher fetcher) {
        this.speech = speech;
        this.fetcher = fetcher;
    }

    /** The audio of {@code prompt}; {@link IllegalArgumentException} for {@link Step.Prompt.Digits}. */
    public AudioClip render(Step.Prompt prompt) throws PromptFailure {
        return switch (prompt) {
            case Step.Prompt.Speech s -> speech.speak(s.text(), s.voice(), s.language());
            case Step.Prompt.Audio a -> fetcher.fetch(a.url());
            case Step.Prompt.Silence s -> AudioClip.silence(SILENCE_RATE, Math.max(0, Math.min(s.millis(), MAX_SILENCE_MS)));
            case Step.Prompt.Digits d -> throw new IllegalArgumentException("digits are sent by the media stream, not rendered");
        };
    }
}
