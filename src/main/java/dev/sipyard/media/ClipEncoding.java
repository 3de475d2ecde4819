package dev.sipyard.media;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Resampler;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes one clip into an {@link EncodedClip} on the encode workers: converts it to the codec's
 * rate, then encodes {@link #FRAMES_PER_TURN} frames at a time and goes to the back of the queue,
 * so that several new prompts start together and bridged audio waits for at most one turn.
 *
 * <p>Each encoding has an encoder of its own, fresh. For Opus this means the payloads of a clip
 * do not continue the encoder state of whatever the stream sent before (silence, another clip,
 * bridged audio): every Opus packet carries its own mode and configuration (RFC 6716 section
 * 3.1), so the far end's decoder follows, at worst with a little smoothing at the switch, as it
 * does after a lost packet. The clip is followed by the encoder's look-ahead of silence, so its
 * last milliseconds are in the last frame rather than left in the encoder.
 */
final class ClipEncoding implements Runnable {
    static final int FRAMES_PER_TURN = 10;
    private static final Logger log = LoggerFactory.getLogger(ClipEncoding.class);
    private static final OccasionalWarning failed = new OccasionalWarning(log, "media: encoding a prompt failed");

    private final AudioCodec codec;
    private final EncodedClip out;
    private final Executor workers;
    private AudioClip clip;
    private short[] pcm;
    private int next;

    private ClipEncoding(AudioClip clip, AudioCodec codec, EncodedClip out, Executor workers) {
        this.clip = clip;
        this.codec = codec;
        this.out = out;
        this.workers = workers;
    }

    /** How many frames {@code clip} makes with {@code codec}. */
    static int frames(AudioClip clip, AudioCodec codec) {
        long samples = Resampler.outputLength(clip.samples().length, clip.sampleRate(), codec.payloadSampleRate());
        if (samples == 0) {
            return 0;
        }
        return Math.toIntExact((samples + codec.lookaheadSamples() + codec.frameSamples() - 1) / codec.frameSamples());
    }

    /**
     * Fills {@code out} (of {@link #frames} frames) with {@code clip} encoded by {@code codec} (a
     * fresh instance, used by this encoding only) on the workers. A clip of zeros (a pause) takes
     * the codec's silence payload at once: a pause may last minutes, and encoding it would cost
     * as much as speech.
     */
    static void start(AudioClip clip, AudioCodec codec, EncodedClip out, Executor workers) {
        if (out.length() == 0) {
            return;
        }
        if (silent(clip.samples())) {
            byte[] silence = SilenceFrames.of(codec.name());
            for (int i = 0; i < out.length(); i++) {
                out.publish(silence);
            }
            return;
        }
        new ClipEncoding(clip, codec, out, workers).submit();
    }

    private static boolean silent(short[] samples) {
        for (short s : samples) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }

    private void submit() {
        try {
            workers.execute(this);
        } catch (RejectedExecutionException e) {
            out.fail(); // the engine is closing
        }
    }

    @Override
    public void run() {
        try {
            if (pcm == null) {
                pcm = Resampler.resample(clip.samples(), clip.sampleRate(), codec.payloadSampleRate());
                clip = null;
            }
            int frameSamples = codec.frameSamples();
            for (int i = 0; i < FRAMES_PER_TURN && next < out.length(); i++, next++) {
                int from = Math.min(next * frameSamples, pcm.length);
                // copyOfRange pads with zeros past the end of the clip (its last frame, the look-ahead)
                out.publish(codec.encode(Arrays.copyOfRange(pcm, from, from + frameSamples)));
            }
        } catch (RuntimeException e) {
            failed.warn(e);
            out.fail();
            return;
        }
        if (next < out.length()) {
            submit();
        } else {
            pcm = null;
        }
    }
}
