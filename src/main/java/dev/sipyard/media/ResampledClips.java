package dev.sipyard.media;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.Resampler;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Clips converted to a codec's PCM rate, once per clip and rate. Keyed weakly by the clip's
 * sample array (its identity), so an entry lives as long as whoever caches the clip keeps it.
 * Resampling runs on the thread that calls play, never on the clock.
 */
final class ResampledClips {
    private final Map<short[], Map<Long, short[]>> cache = new WeakHashMap<>();

    short[] at(AudioClip clip, int rate) {
        if (clip.sampleRate() == rate) {
            return clip.samples();
        }
        long key = ((long) clip.sampleRate() << 32) | rate;
        synchronized (this) {
            Map<Long, short[]> byRate = cache.get(clip.samples());
            short[] found = byRate == null ? null : byRate.get(key);
            if (found != null) {
                return found;
            }
        }
        short[] converted = Resampler.resample(clip.samples(), clip.sampleRate(), rate);
        synchronized (this) {
            cache.computeIfAbsent(clip.samples(), k -> new HashMap<>()).put(key, converted);
        }
        return converted;
    }

    synchronized int size() {
        return cache.size();
    }
}
