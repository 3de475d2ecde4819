package dev.sipyard.media.audio;

import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes WAV (RIFF/WAVE) files. */
public final class WavFile {
    private WavFile() {
    }

    public static AudioClip read(byte[] wav) throws UnsupportedAudio {
        throw new UnsupportedAudio("WAV reading is not implemented yet");
    }

    public static byte[] write(AudioClip clip) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static void write(AudioClip clip, Path file) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
