package dev.sipyard.media.audio;

/** Decodes an audio file of a kind recognised from its first bytes (WAV or MP3). */
public final class AudioFiles {
    private AudioFiles() {
    }

    public static AudioClip decode(byte[] bytes, String contentType, long maxSamples) throws UnsupportedAudio {
        throw new UnsupportedAudio("not audio (" + contentType + ")");
    }
}
