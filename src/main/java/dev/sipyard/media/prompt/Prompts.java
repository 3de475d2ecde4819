package dev.sipyard.media.prompt;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.routing.Step;

/** Renders the prompts of a Play step to audio. */
public final class Prompts {
    public Prompts(SpeechSynthesizer speech, AudioFetcher fetcher) {
    }

    public AudioClip render(Step.Prompt prompt) throws PromptFailure {
        throw new PromptFailure("prompts are not implemented yet");
    }
}
