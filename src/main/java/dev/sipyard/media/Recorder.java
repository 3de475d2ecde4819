package dev.sipyard.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the caller's decoded audio at the codec's PCM rate. Each packet is placed by its RTP
 * timestamp, so reordered packets land where they belong and gaps (lost packets, silence
 * suppression) become silence. A new SSRC, or a timestamp that does not fit the time that passed
 * (a jump of the sender's clock), continues at the current end instead. Bounded: when
 * {@code maxSamples} are reached it stops by itself ({@link #full()}).
 *
 * <p>Memory is bounded whatever the length: a block of audio that no packet can change any more
 * (older than the reordering window) moves to a spool file in {@code spoolDir}, unlinked as soon as
 * it is open (so not even a crash leaves it behind) and gone when the {@link RecordedAudio} is closed. Without a spool folder, or when the file cannot be written,
 * blocks stay in memory.
 */
public final class Recorder {
    /** Frames quieter than this (RMS of 16-bit samples) count as silence. */
    static final double SILENCE_RMS = 300;
    private static final long IDLE_GRACE_NANOS = 100_000_000L;
    private static final Logger log = LoggerFactory.getLogger(Recorder.class);
    private static final int BLOCK_SECONDS = 1;

    private final int sampleRate;
    private final int clockRate;
    private final long maxSamples;
    private final int blockSize;
    private final List<short[]> blocks = new ArrayList<>();
    /** A block already in the spool file, kept to be the next new block. */
    private short[] spare;
    private final Path spoolDir;
    private FileChannel spool;
    private boolean spoolFailed;
    private int spilled;
    /** One block's bytes, reused for every block spilled (this runs on the receive thread). */
    private ByteBuffer spillBuffer;
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
    private RecordedAudio result;

    Recorder(int sampleRate, int rtpClockRate, long maxSamples, long nowNanos) {
        this(sampleRate, rtpClockRate, maxSamples, nowNanos, null);
    }

    Recorder(int sampleRate, int rtpClockRate, long maxSamples, long nowNanos, Path spoolDir) {
        this.spoolDir = spoolDir;
        this.sampleRate = sampleRate;
        this.clockRate = rtpClockRate;
        this.maxSamples = maxSamples;
        this.blockSize = sampleRate * BLOCK_SECONDS;
        this.startNanos = nowNanos;
    }

    /** Stops recording (idempotent) and returns everything recorded; the caller closes it. */
    public synchronized RecordedAudio stop() {
        if (result == null) {
            stopped = true;
            result = new RecordedAudio(sampleRate, length, blockSize, new ArrayList<>(blocks), spool);
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

    /** Blocks of audio held on the heap now. */
    synchronized int blocksInMemory() {
        return (int) blocks.stream().filter(java.util.Objects::nonNull).count();
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
        spillSettledBlocks();
        return !stopped;
    }

    /** Moves blocks no packet can reach any more (see {@link #position}) to the spool file. */
    private void spillSettledBlocks() {
        if (spoolDir == null || spoolFailed) {
            return;
        }
        long settledEnd = length - sampleRate; // a packet is never placed before this
        while ((long) (spilled + 1) * blockSize <= settledEnd && spilled < blocks.size()) {
            short[] block = blocks.get(spilled);
            if (block != null && !spillBlock(spilled, block)) {
                return;
            }
            blocks.set(spilled, null);
            if (block != null) {
                spare = block;
            }
            spilled++;
        }
    }

    private boolean spillBlock(int index, short[] block) {
        try {
            if (spool == null) {
                Files.createDirectories(spoolDir);
                spool = FileChannel.open(Files.createTempFile(spoolDir, "recording-", ".pcm"), StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
            }
            if (spillBuffer == null) {
                spillBuffer = ByteBuffer.allocate(blockSize * 2).order(ByteOrder.LITTLE_ENDIAN);
            }
            ByteBuffer bytes = spillBuffer.clear();
            bytes.asShortBuffer().put(block);
            long at = (long) index * blockSize * 2;
            while (bytes.hasRemaining()) {
                spool.write(bytes, at + bytes.position());
            }
            return true;
        } catch (IOException | RuntimeException e) {
            spoolFailed = true;
            log.warn("recording spool in {} cannot be written ({}); the rest of this recording stays in memory",
                    spoolDir, e.toString());
            return false;
        }
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
                blocks.add(newBlock());
            }
            int inBlock = (int) (at % blockSize);
            int n = Math.min(count - done, blockSize - inBlock);
            short[] target = blocks.get(block);
            if (target != null) { // null: spilled, which position() never lets a packet reach
                System.arraycopy(pcm, done, target, inBlock, n);
            }
            done += n;
        }
    }

    /** A silent block: the last one spilled, cleared, or a new one (a second of audio a call would allocate). */
    private short[] newBlock() {
        short[] block = spare;
        if (block == null) {
            return new short[blockSize];
        }
        spare = null;
        Arrays.fill(block, (short) 0);
        return block;
    }

    private static double rms(short[] pcm, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / count);
    }
}
