package dev.sipyard.media.audio;

/** Recognises the start of an MPEG audio stream: an optional ID3v2 tag, then a frame header. */
final class MpegHeaders {
    private MpegHeaders() {
    }

    static boolean hasId3(byte[] b) {
        return b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3';
    }

    /** Where the audio starts: after the ID3v2 tag when there is one (which may lie past the end). */
    static int afterId3(byte[] b) {
        if (!hasId3(b)) {
            return 0;
        }
        // The tag size is "synchsafe": four 7-bit groups; a footer (flag bit 4) adds 10 bytes.
        long size = (b[6] & 0x7F) << 21 | (b[7] & 0x7F) << 14 | (b[8] & 0x7F) << 7 | (b[9] & 0x7F);
        long end = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
        return (int) Math.min(end, b.length);
    }

    /** Whether a plausible MPEG audio frame header (sync, version, layer, bitrate and rate not reserved) is at {@code at}. */
    static boolean isFrameHeader(byte[] b, int at) {
        if (at < 0 || at + 4 > b.length) {
            return false;
        }
        int h1 = b[at + 1] & 0xFF;
        int h2 = b[at + 2] & 0xFF;
        boolean sync = (b[at] & 0xFF) == 0xFF && (h1 & 0xE0) == 0xE0;
        boolean version = (h1 & 0x18) != 0x08;
        boolean layer = (h1 & 0x06) != 0;
        boolean bitrate = (h2 & 0xF0) != 0xF0;
        boolean rate = (h2 & 0x0C) != 0x0C;
        return sync && version && layer && bitrate && rate;
    }
}
