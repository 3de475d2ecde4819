package dev.sipyard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.media.audio.AudioClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real espeak-ng (installed on CI), and small shell scripts standing in for a misbehaving one. */
class SpeechSynthesizerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final SpeechSynthesizer espeak = new SpeechSynthesizer("espeak-ng", TIMEOUT, 4000, 4 << 20);

    @Test
    void speaksAWordAsAudibleSpeechOfAPlausibleLength() throws Exception {
        AudioClip clip = espeak.speak("Welcome", null, null);

        assertThat(espeak.available()).isTrue();
        assertThat(clip.sampleRate()).isEqualTo(SpeechSynthesizer.RATE);
        assertThat(clip.durationMillis()).isBetween(300L, 3000L);
        assertThat(peak(clip)).isGreaterThan(3000);
    }

    @Test
    void servesTheSameTextAndVoiceFromTheCache() throws Exception {
        AudioClip first = espeak.speak("Press one for sales", "woman", "en-US");

        assertThat(espeak.speak("Press one for sales", "woman", "en-US")).isSameAs(first);
        assertThat(espeak.speak("Press one for sales", "man", "en-US")).isNotSameAs(first);
    }

    @Test
    void speaksOtherLanguagesAndVoices() throws Exception {
        AudioClip french = espeak.speak("Bonjour et bienvenue", "Polly.Celine", "fr-FR");
        AudioClip german = espeak.speak("Guten Tag", "man", "de-DE");

        assertThat(peak(french)).isGreaterThan(3000);
        assertThat(peak(german)).isGreaterThan(3000);
    }

    @Test
    void refusesTextLongerThanTheLimitBeforeRunningAnything() {
        SpeechSynthesizer missing = new SpeechSynthesizer("/nonexistent/espeak", TIMEOUT, 4000, 1 << 20);
        String text = "a".repeat(100_000);

        assertThatThrownBy(() -> espeak.speak(text, null, null)).isInstanceOf(PromptFailure.class)
                .hasMessage("text longer than 4000 characters");
        assertThatThrownBy(() -> missing.speak(text, null, null)).hasMessage("text longer than 4000 characters");
    }

    @Test
    void stripsControlCharacters() throws Exception {
        AudioClip plain = espeak.speak("Goodbye now", null, null);

        assertThat(espeak.speak("\u0000Good\u0007bye\tnow\u001b", null, null)).isSameAs(plain);
        assertThat(SpeechSynthesizer.clean("a\r\nb\u0000c\u007f\u0085d é")).isEqualTo("a  bcd é");
    }

    @Test
    void blankTextIsNoAudio() throws Exception {
        assertThat(espeak.speak(" \u0001 ", null, null).samples()).isEmpty();
        assertThat(espeak.speak(null, null, null).samples()).isEmpty();
    }

    @Test
    void aMissingCommandIsUnavailableAndFailsAtOnce() {
        SpeechSynthesizer missing = new SpeechSynthesizer("/nonexistent/espeak", TIMEOUT, 4000, 1 << 20);

        assertThat(missing.available()).isFalse();
        assertThatThrownBy(() -> missing.speak("Welcome", null, null)).isInstanceOf(PromptFailure.class)
                .hasMessage("text to speech is not available (/nonexistent/espeak cannot be run)");
    }

    @Test
    void killsACommandThatDoesNotFinishInTime(@TempDir Path dir) throws Exception {
        Path hang = script(dir, "hang", "exec sleep 60");
        SpeechSynthesizer slow = new SpeechSynthesizer(hang.toString(), Duration.ofMillis(500), 4000, 1 << 20);

        assertThatThrownBy(() -> slow.speak("Welcome", null, null)).isInstanceOf(PromptFailure.class)
                .hasMessage("no speech within 500 ms");
    }

    @Test
    void stopsACommandThatWritesTooMuch(@TempDir Path dir) throws Exception {
        Path endless = script(dir, "endless", "exec cat /dev/zero");
        SpeechSynthesizer chatty = new SpeechSynthesizer(endless.toString(), TIMEOUT, 10, 1 << 20);

        assertThatThrownBy(() -> chatty.speak("Welcome", null, null)).isInstanceOf(PromptFailure.class)
                .hasMessage("speech longer than 4 s");
    }

    @Test
    void reportsAFailingCommandOrOneThatGivesNoWav(@TempDir Path dir) throws Exception {
        SpeechSynthesizer failing = new SpeechSynthesizer(script(dir, "failing", "exit 3").toString(), TIMEOUT, 100, 1 << 20);
        SpeechSynthesizer texty = new SpeechSynthesizer(script(dir, "texty", "echo hello").toString(), TIMEOUT, 100, 1 << 20);

        assertThatThrownBy(() -> failing.speak("Welcome", null, null)).hasMessage("text to speech failed (exit 3)");
        assertThatThrownBy(() -> texty.speak("Welcome", null, null))
                .hasMessage("text to speech gave no audio (not a WAV file (no RIFF/WAVE header))");
    }

    /** An executable shell script that answers --version and otherwise runs {@code body}. */
    private static Path script(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo fake 1.0; exit 0; fi\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static int peak(AudioClip clip) {
        int peak = 0;
        for (short s : clip.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
