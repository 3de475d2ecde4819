package dev.sipyard.media.prompt;

import dev.sipyard.media.audio.AudioClip;
import java.time.Duration;

/** Fetches and decodes audio files at http(s) URLs. */
public final class AudioFetcher {
    public AudioFetcher(boolean allowLinkLocal, long maxBytes, Duration timeout, long cacheBytes) {
    }

    public AudioClip fetch(String url) throws PromptFailure {
        throw new PromptFailure("fetching audio is not implemented yet");
    }
}
