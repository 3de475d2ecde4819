package dev.sipyard.media.audio;

import java.util.Locale;

/**
 * Decodes an audio file recognised by its first bytes: RIFF/WAVE, or MPEG audio (an ID3v2 tag or
 * a frame header). The content type only names the file in the refusal: servers label audio as
 * {@code application/octet-stream} often enough that the bytes are the better judge.
 */
public final class AudioFiles {
    private AudioFiles() {
    }

    public static AudioClip decode(byte[] bytes, String contentType, long maxSamples) throws UnsupportedAudio {
        if (bytes.length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F') {
            return WavFile.read(bytes, maxSamples);
        }
        if (MpegHeaders.hasId3(bytes) || MpegHeaders.isFrameHeader(bytes, 0)) {
            return Mp3Audio.decode(bytes, maxSamples);
        }
        throw new UnsupportedAudio("not audio (" + describe(contentType, bytes.length) + ")");
    }

    /** The media type of a Content-Type header, lower case and without parameters; null when absent or odd. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean plain = !type.isEmpty() && type.length() <= 80 && type.chars().allMatch(c -> c > 0x20 && c < 0x7F);
        return plain ? type : null;
    }

    private static String describe(String contentType, int length) {
        String type = mediaType(contentType);
        if (type != null) {
            return type;
        }
        return length == 0 ? "empty" : "unrecognised " + length + " bytes";
    }
}
