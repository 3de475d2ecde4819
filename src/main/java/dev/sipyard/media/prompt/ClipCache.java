package dev.sipyard.media.prompt;

import dev.sipyard.media.audio.AudioClip;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rendered prompts, least recently used dropped first once they hold more than a number of bytes
 * (two per sample plus a small allowance per entry). A clip larger than the whole budget is not kept.
 */
final class ClipCache<K> {
    private static final long ENTRY_OVERHEAD = 128;

    private final long capacityBytes;
    private final LinkedHashMap<K, AudioClip> clips = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ClipCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    synchronized AudioClip get(K key) {
        return clips.get(key);
    }

    synchronized void put(K key, AudioClip clip) {
        long size = sizeOf(clip);
        if (size > capacityBytes) {
            return;
        }
        AudioClip previous = clips.put(key, clip);
        if (previous != null) {
            bytes -= sizeOf(previous);
        }
        bytes += size;
        Iterator<Map.Entry<K, AudioClip>> eldest = clips.entrySet().iterator();
        while (bytes > capacityBytes) {
            bytes -= sizeOf(eldest.next().getValue());
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return clips.size();
    }

    static long sizeOf(AudioClip clip) {
        return 2L * clip.samples().length + ENTRY_OVERHEAD;
    }
}
