package dev.sipyard.media;

import dev.sipyard.media.codec.AudioCodec;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes the audio bridged to one stream as it arrives, on the encode workers, into the stream's
 * {@link BridgeBuffer}: the receive thread hands over the decoded PCM and returns at once, the
 * clock later sends the ready payloads. The worker converts the PCM to this stream's rate when
 * it differs and cuts chunks of any length into the encoder's frames. At most {@link #MAX_WAITING} chunks wait for a worker; when
 * the workers fall that far behind the oldest chunk is dropped, so only bridged audio suffers
 * from an overloaded machine, not reception nor the clock.
 */
final class BridgeEncoder {
    static final int MAX_WAITING = BridgeBuffer.MAX_FRAMES;
    private static final Logger log = LoggerFactory.getLogger(BridgeEncoder.class);
    private static final OccasionalWarning behind = new OccasionalWarning(log,
            "media: encoders fall behind the bridged audio, dropping some (CPU overloaded?)");
    private static final OccasionalWarning failed = new OccasionalWarning(log, "media: encoding bridged audio failed");

    private record Chunk(short[] pcm, int rate, AudioCodec encoder) {
    }

    private final Executor workers;
    private final BridgeBuffer out;
    private final ArrayDeque<Chunk> waiting = new ArrayDeque<>();
    private boolean scheduled;
    private long dropped;

    // the worker's state: one worker at a time
    private AudioCodec encoder;
    private ChunkResampler resampler;
    private short[] frame = new short[0];
    private int filled;

    BridgeEncoder(Executor workers, BridgeBuffer out) {
        this.workers = workers;
        this.out = out;
    }

    /** Takes PCM at {@code rate} for the stream whose encoder is {@code encoder}; never blocks. */
    void offer(short[] pcm, int rate, AudioCodec encoder) {
        synchronized (this) {
            if (waiting.size() >= MAX_WAITING) {
                waiting.poll();
                dropped++;
                behind.warn(null);
            }
            waiting.add(new Chunk(pcm, rate, encoder));
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        try {
            workers.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) { // the engine is closing
                waiting.clear();
                scheduled = false;
            }
        }
    }

    /** Chunks dropped because the workers were behind. */
    synchronized long dropped() {
        return dropped;
    }

    private void drain() {
        while (true) {
            Chunk chunk;
            synchronized (this) {
                chunk = waiting.poll();
                if (chunk == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                encode(chunk);
            } catch (RuntimeException e) {
                failed.warn(e);
            }
        }
    }

    private void encode(Chunk chunk) {
        if (chunk.encoder() != encoder) { // a new codec: what was left of the old one's frame goes
            encoder = chunk.encoder();
            frame = new short[encoder.frameSamples()];
            filled = 0;
        }
        short[] pcm = chunk.pcm();
        int rate = encoder.payloadSampleRate();
        if (chunk.rate() != rate) {
            if (resampler == null || !resampler.converts(chunk.rate(), rate)) {
                resampler = new ChunkResampler(chunk.rate(), rate);
            }
            pcm = resampler.push(pcm);
        }
        int at = 0;
        while (at < pcm.length) {
            int n = Math.min(frame.length - filled, pcm.length - at);
            System.arraycopy(pcm, at, frame, filled, n);
            filled += n;
            at += n;
            if (filled == frame.length) {
                out.write(encoder, encoder.encode(frame));
                filled = 0;
            }
        }
    }
}
