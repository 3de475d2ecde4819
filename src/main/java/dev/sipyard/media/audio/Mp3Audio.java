package dev.sipyard.media.audio;

/** Decodes MP3 (MPEG-1/2 layer III) to mono PCM. */
public final class Mp3Audio {
    private Mp3Audio() {
    }

    public static AudioClip decode(byte[] mp3, long maxSamples) throws UnsupportedAudio {
        throw new UnsupportedAudio("MP3 decoding is not implemented yet");
    }
}
