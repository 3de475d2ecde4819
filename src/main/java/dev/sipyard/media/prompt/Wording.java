package dev.sipyard.media.prompt;

import java.time.Duration;

/** How limits read in the one-line failure messages. */
final class Wording {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    private Wording() {
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    static String size(long bytes) {
        if (bytes >= MB && bytes % MB == 0) {
            return bytes / MB + " MB";
        }
        if (bytes >= KB && bytes % KB == 0) {
            return bytes / KB + " kB";
        }
        return bytes + " bytes";
    }
}
