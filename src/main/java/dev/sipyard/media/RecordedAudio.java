package dev.sipyard.media;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.audio.WavFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What a {@link Recorder} recorded: 16-bit PCM at one rate, in blocks of equal size that are held
 * in memory or, once they could no longer change, in the recording's spool file (a null block).
 * {@link #close()} deletes the spool file; a copy made by {@link #truncated} shares it, so close
 * only the one that is kept.
 */
public final class RecordedAudio implements AutoCloseable {
    private final int sampleRate;
    private final long length;
    private final int blockSize;
    private final List<short[]> blocks;
    private final FileChannel spool;

    RecordedAudio(int sampleRate, long length, int blockSize, List<short[]> blocks, FileChannel spool) {
        this.sampleRate = sampleRate;
        this.length = length;
        this.blockSize = blockSize;
        this.blocks = blocks;
        this.spool = spool;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public long sampleCount() {
        return length;
    }

    public long durationMillis() {
        return length * 1000 / sampleRate;
    }

    /** The same audio without its last {@code samples} samples. */
    public RecordedAudio truncated(long samples) {
        return new RecordedAudio(sampleRate, Math.max(0, length - Math.max(0, samples)), blockSize, blocks, spool);
    }

    /** Writes the audio as a PCM16 mono WAV file to {@code file}, block by block. */
    public void writeWav(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(WavFile.header(sampleRate, length));
            ByteBuffer bytes = ByteBuffer.allocate(blockSize * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int b = 0; (long) b * blockSize < length; b++) {
                int n = (int) Math.min(blockSize, length - (long) b * blockSize);
                readBlock(b, n, bytes);
                out.write(bytes.array(), 0, n * 2);
            }
        }
    }

    /** The whole audio in memory (for short recordings and tests). */
    public AudioClip clip() {
        short[] samples = new short[Math.toIntExact(length)];
        ByteBuffer bytes = ByteBuffer.allocate(blockSize * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int b = 0; (long) b * blockSize < length; b++) {
            int n = (int) Math.min(blockSize, length - (long) b * blockSize);
            try {
                readBlock(b, n, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes.asShortBuffer().get(samples, b * blockSize, n);
        }
        return new AudioClip(sampleRate, samples);
    }

    /** Deletes the spool file (idempotent). */
    @Override
    public void close() {
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException ignored) {
                // the file was opened DELETE_ON_CLOSE; a failed close leaves it to the start-up sweep
            }
        }
    }

    /** Fills {@code out} (from 0, little-endian) with the first {@code n} samples of block {@code b}. */
    private void readBlock(int b, int n, ByteBuffer out) throws IOException {
        out.clear();
        short[] block = b < blocks.size() ? blocks.get(b) : null;
        if (block != null || spool == null) {
            for (int i = 0; i < n; i++) {
                out.putShort(block == null ? 0 : block[i]);
            }
        } else {
            out.limit(n * 2);
            long at = (long) b * blockSize * 2;
            while (out.hasRemaining()) {
                if (spool.read(out, at + out.position()) < 0) {
                    break; // a hole at the end of the file: silence
                }
            }
            while (out.hasRemaining()) {
                out.put((byte) 0);
            }
        }
        out.flip();
    }
}
