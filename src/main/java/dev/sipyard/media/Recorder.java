package dev.sipyard.media;

import dev.sipyard.media.audio.AudioClip;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the caller's decoded audio at the codec's PCM rate. Each packet is placed by its RTP
 * timestamp, so reordered packets land where they belong and gaps (lost packets, silence
 * suppression) become silence. A new SSRC, or a timestamp that does not fit the time that passed
 * (a jump of the sender's clock), continues at the current end instead. Bounded: when
 * {@code maxSamples} are reached it stops by itself ({@link #full()}).
 */
public final class Recorder {
    /** Frames quieter than this (RMS of 16-bit samples) count as silence. */
    static final double SILENCE_RMS = 300;
    private static final long IDLE_GRACE_NANOS = 100_000_000L;
    private static final int BLOCK_SECONDS = 1;

    private final int sampleRate;
    private final int clockRate;
    private final long maxSamples;
    private final int blockSize;
    private final List<short[]> blocks = new ArrayList<>();
    private final long startNanos;
    private long length;
    private long lastLoudEnd;
    private boolean based;
    private long baseSsrc;
    private long baseTimestamp;
    private long basePosition;
    private long lastArrivalNanos;
    private boolean stopped;
    private boolean full;
    private AudioClip result;

    Recorder(int sampleRate, int rtpClockRate, long maxSamples, long nowNanos) {
        this.sampleRate = sampleRate;
        this.clockRate = rtpClockRate;
        this.maxSamples = maxSamples;
        this.blockSize = sampleRate * BLOCK_SECONDS;
        this.startNanos = nowNanos;
    }

    /** Stops recording (idempotent) and returns everything recorded. */
    public synchronized AudioClip stop() {
        if (result == null) {
            stopped = true;
            short[] samples = new short[(int) length];
            for (int i = 0, at = 0; at < length; i++) {
                int n = (int) Math.min(blockSize, length - at);
                System.arraycopy(blocks.get(i), 0, samples, at, n);
                at += n;
            }
            result = new AudioClip(sampleRate, samples);
            blocks.clear();
        }
        return result;
    }

    /** How much audio has been recorded so far (up to the latest packet's end). */
    public synchronized long recordedMillis() {
        return length * 1000 / sampleRate;
    }

    /**
     * How long the caller has been quiet: the silent audio at the end of the recording plus the
     * time since the last packet (beyond a short grace) when the caller sends nothing. From the
     * start of the recording when nothing loud was received yet.
     */
    public synchronized long trailingSilenceMillis() {
        long now = System.nanoTime();
        if (!based) {
            return (now - startNanos) / 1_000_000;
        }
        long idle = Math.max(0, now - lastArrivalNanos - IDLE_GRACE_NANOS);
        return (length - lastLoudEnd) * 1000 / sampleRate + idle / 1_000_000;
    }

    /** True when the length limit was reached (recording stopped by itself). */
    public synchronized boolean full() {
        return full;
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Adds one decoded packet; false when this recorder takes nothing more. */
    synchronized boolean accept(long ssrc, long timestamp, short[] pcm, int count, long arrivalNanos) {
        if (stopped) {
            return false;
        }
        long position = position(ssrc, timestamp, arrivalNanos);
        lastArrivalNanos = arrivalNanos;
        if (position + count > maxSamples) {
            count = (int) Math.max(0, maxSamples - position);
            full = true;
            stopped = true;
        }
        write(position, pcm, count);
        if (count > 0 && rms(pcm, count) >= SILENCE_RMS) {
            lastLoudEnd = Math.max(lastLoudEnd, position + count);
        }
        length = Math.max(length, position + count);
        return !stopped;
    }

    private long position(long ssrc, long timestamp, long arrivalNanos) {
        if (based && ssrc == baseSsrc) {
            long ticks = (int) (timestamp - baseTimestamp); // 32-bit RTP timestamps wrap
            long position = basePosition + ticks * sampleRate / clockRate;
            long idle = Math.max(0, arrivalNanos - lastArrivalNanos) * sampleRate / 1_000_000_000L;
            if (position >= Math.max(0, length - sampleRate) && position <= length + idle + sampleRate) {
                return position;
            }
        }
        based = true;
        baseSsrc = ssrc;
        baseTimestamp = timestamp;
        basePosition = length;
        return length;
    }

    private void write(long position, short[] pcm, int count) {
        int done = 0;
        while (done < count) {
            long at = position + done;
            int block = (int) (at / blockSize);
            while (blocks.size() <= block) {
                blocks.add(new short[blockSize]);
            }
            int inBlock = (int) (at % blockSize);
            int n = Math.min(count - done, blockSize - inBlock);
            System.arraycopy(pcm, done, blocks.get(block), inBlock, n);
            done += n;
        }
    }

    private static double rms(short[] pcm, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / count);
    }
}
