package dev.sipyard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.audio.WavFile;
import dev.sipyard.routing.Step;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PromptsTest {
    private final AudioServer server;
    private final AudioFetcher fetcher = new AudioFetcher(false, 1 << 20, Duration.ofSeconds(10), 1 << 20);
    private final Prompts prompts = new Prompts(
            new SpeechSynthesizer("espeak-ng", Duration.ofSeconds(20), 4000, 1 << 20), fetcher);

    PromptsTest() throws IOException {
        server = new AudioServer();
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void speaksText() throws Exception {
        AudioClip clip = prompts.render(new Step.Prompt.Speech("Thank you for calling", "woman", "en-GB"));

        assertThat(clip.sampleRate()).isEqualTo(SpeechSynthesizer.RATE);
        assertThat(clip.durationMillis()).isGreaterThan(300);
    }

    @Test
    void fetchesAudio() throws Exception {
        server.serve("/beep.wav", "audio/x-wav", WavFile.write(new AudioClip(16000, new short[] {5, -5})));

        AudioClip clip = prompts.render(new Step.Prompt.Audio(server.url("/beep.wav")));

        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.samples()).containsExactly(5, -5);
    }

    @Test
    void rendersSilenceBoundedToTenMinutes() throws Exception {
        AudioClip pause = prompts.render(new Step.Prompt.Silence(1500));

        assertThat(pause.durationMillis()).isEqualTo(1500);
        assertThat(pause.samples()).containsOnly(0);
        assertThat(prompts.render(new Step.Prompt.Silence(-5)).samples()).isEmpty();
        assertThat(prompts.render(new Step.Prompt.Silence(Integer.MAX_VALUE)).durationMillis()).isEqualTo(600_000);
    }

    @Test
    void passesFailuresOn() {
        assertThatThrownBy(() -> prompts.render(new Step.Prompt.Audio("gopher://example.com/")))
                .isInstanceOf(PromptFailure.class).hasMessage("audio URL must be http or https: gopher://example.com/");
        assertThatThrownBy(() -> prompts.render(new Step.Prompt.Speech("x".repeat(4001), null, null)))
                .isInstanceOf(PromptFailure.class).hasMessage("text longer than 4000 characters");
    }

    @Test
    void leavesDigitsToTheMediaStream() {
        assertThatThrownBy(() -> prompts.render(new Step.Prompt.Digits("123")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
