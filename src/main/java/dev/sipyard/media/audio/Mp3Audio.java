package dev.sipyard.media.audio;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * Decodes MPEG audio (MP3, and layers I and II) with JLayer, mixing stereo down to mono.
 *
 * <p>The bytes must start with an MPEG frame header, optionally after an ID3v2 tag: JLayer would
 * otherwise hunt through arbitrary data for something that looks like a frame and play noise. A
 * stream that breaks off or turns corrupt after at least one good frame keeps the audio decoded so
 * far. Decoding stops, and the file is refused, once it would give more than {@code maxSamples}
 * samples, so a small but very long file cannot exhaust memory.
 */
public final class Mp3Audio {
    private Mp3Audio() {
    }

    public static AudioClip decode(byte[] mp3, long maxSamples) throws UnsupportedAudio {
        int start = MpegHeaders.afterId3(mp3);
        if (!MpegHeaders.isFrameHeader(mp3, start)) {
            throw new UnsupportedAudio("not an MP3 file (no MPEG frame at the start)");
        }
        Bitstream stream = new Bitstream(new ByteArrayInputStream(mp3, start, mp3.length - start));
        Decoder decoder = new Decoder();
        short[] out = new short[0];
        int length = 0;
        int rate = 0;
        try {
            Header header;
            while ((header = stream.readFrame()) != null) {
                SampleBuffer frame = (SampleBuffer) decoder.decodeFrame(header, stream);
                stream.closeFrame();
                if (rate == 0) {
                    rate = frame.getSampleFrequency();
                }
                int channels = frame.getChannelCount();
                int frames = frame.getBufferLength() / channels;
                if (length + (long) frames > maxSamples) {
                    throw UnsupportedAudio.tooLong(maxSamples, rate);
                }
                if (length + frames > out.length) {
                    out = Arrays.copyOf(out, Math.max(length + frames, (int) Math.min(maxSamples, out.length * 2L)));
                }
                mixDown(frame.getBuffer(), frames, channels, out, length);
                length += frames;
            }
        } catch (BitstreamException | DecoderException | RuntimeException e) {
            // JLayer reports some corrupt frames as bare runtime exceptions (an index out of bounds).
            if (length == 0) {
                throw new UnsupportedAudio("not a valid MP3 file (corrupt frame)");
            }
        } finally {
            closeQuietly(stream);
        }
        if (rate == 0) {
            throw new UnsupportedAudio("not a valid MP3 file (no decodable frame)");
        }
        return new AudioClip(rate, length == out.length ? out : Arrays.copyOf(out, length));
    }

    private static void mixDown(short[] interleaved, int frames, int channels, short[] out, int at) {
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[f * channels + c];
            }
            out[at + f] = (short) (sum / channels);
        }
    }

    private static void closeQuietly(Bitstream stream) {
        try {
            stream.close();
        } catch (BitstreamException e) {
            // A byte array stream has nothing to release.
        }
    }
}
