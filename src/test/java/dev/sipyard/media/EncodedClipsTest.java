package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
import dev.sipyard.media.codec.Tones;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EncodedClipsTest {
    private final List<Runnable> tasks = new ArrayList<>();
    /** A worker that runs only when the test says so. */
    private final Executor worker = tasks::add;

    private void runWorker() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    @Test
    void aClipIsEncodedOncePerCodecHoweverOftenItIsAskedFor() {
        EncodedClips clips = new EncodedClips(worker);
        AudioClip clip = new AudioClip(8000, Tones.sine(8000, 1000, 500, 0.5));

        EncodedClip first = clips.get(clip, "PCMU");
        EncodedClip again = clips.get(clip, "pcmu");
        EncodedClip sameSamples = clips.get(new AudioClip(8000, clip.samples()), "PCMU");
        EncodedClip alaw = clips.get(clip, "PCMA");

        assertThat(again).isSameAs(first);
        assertThat(sameSamples).isSameAs(first);
        assertThat(alaw).isNotSameAs(first);
        assertThat(clips.encodings()).isEqualTo(2);
        assertThat(clips.size()).isEqualTo(1);
    }

    @Test
    void manyCallersAtOnceShareOneEncoding() throws Exception {
        EncodedClips clips = new EncodedClips(worker);
        AudioClip clip = new AudioClip(22_050, Tones.sine(22_050, 440, 2000, 0.5));
        Set<EncodedClip> seen = ConcurrentHashMap.newKeySet();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            callers.add(Thread.ofVirtual().start(() -> seen.add(clips.get(clip, "OPUS"))));
        }
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(seen).hasSize(1);
        assertThat(clips.encodings()).isEqualTo(1);
    }

    @Test
    void framesAreEncodedInTurnsAndEqualTheClipEncodedDirectly() {
        EncodedClips clips = new EncodedClips(worker);
        AudioCodec pcmu = Codecs.create("PCMU");
        short[] samples = Tones.sine(8000, 700, 1000, 0.5);
        short[] clipped = Arrays.copyOf(samples, 8000 - 50); // the last frame is padded with silence

        EncodedClip encoded = clips.get(new AudioClip(8000, clipped), "PCMU");
        assertThat(encoded.length()).isEqualTo(50);
        assertThat(encoded.ready()).isZero();
        tasks.remove(0).run();
        assertThat(encoded.ready()).isEqualTo(ClipEncoding.FRAMES_PER_TURN);
        assertThat(encoded.frame(ClipEncoding.FRAMES_PER_TURN)).isNull();
        assertThat(tasks).as("the rest waits its turn at the back of the queue").hasSize(1);
        runWorker();

        assertThat(encoded.complete()).isTrue();
        for (int f = 0; f < 50; f++) {
            assertThat(encoded.frame(f)).as("frame %d", f)
                    .containsExactly(pcmu.encode(Arrays.copyOfRange(clipped, f * 160, (f + 1) * 160)));
        }
    }

    @Test
    void anOpusClipHasItsLookaheadAfterIt() {
        AudioCodec opus = Codecs.create("OPUS");
        assertThat(ClipEncoding.frames(new AudioClip(48_000, new short[48_000]), opus)).isEqualTo(51);
        // 7000 samples at 8 kHz are 42000 at 48 kHz: 43.75 frames, and the look-ahead makes 45
        assertThat(ClipEncoding.frames(new AudioClip(8_000, new short[7_000]), opus)).isEqualTo(45);
        assertThat(ClipEncoding.frames(new AudioClip(8_000, new short[0]), opus)).isZero();
        assertThat(ClipEncoding.frames(new AudioClip(22_050, new short[22_050]), Codecs.create("PCMA")))
                .isEqualTo(50);
    }

    @Test
    void aPauseTakesTheSilencePayloadWithoutEncoding() {
        EncodedClips clips = new EncodedClips(worker);

        EncodedClip pause = clips.get(AudioClip.silence(8000, 600_000), "OPUS");

        assertThat(tasks).as("nothing for the workers").isEmpty();
        assertThat(pause.complete()).isTrue();
        assertThat(pause.length()).isEqualTo(30_001); // ten minutes and Opus' look-ahead
        assertThat(pause.frame(0)).isSameAs(SilenceFrames.of("OPUS"));
        assertThat(pause.frame(30_000)).isSameAs(SilenceFrames.of("OPUS"));
    }

    @Test
    void anEncodingThatFailedIsTriedAgain() {
        AtomicInteger calls = new AtomicInteger();
        Executor closingThenOpen = task -> {
            if (calls.getAndIncrement() == 0) {
                throw new RejectedExecutionException("closing");
            }
            tasks.add(task);
        };
        EncodedClips clips = new EncodedClips(closingThenOpen);
        AudioClip clip = new AudioClip(8000, Tones.beep(8000));

        EncodedClip failed = clips.get(clip, "PCMU");
        EncodedClip retried = clips.get(clip, "PCMU");
        runWorker();

        assertThat(failed.failed()).isTrue();
        assertThat(failed.length()).isZero();
        assertThat(retried.complete()).isTrue();
        assertThat(retried.length()).isPositive();
    }
}
