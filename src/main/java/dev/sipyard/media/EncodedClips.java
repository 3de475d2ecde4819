package dev.sipyard.media;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;

/**
 * Clips encoded once per clip and codec, for every stream that plays them: prompts are cached
 * clips played again and again, so 300 calls playing one prompt share one encoding (and the
 * clock only copies payloads). Keyed weakly by the clip's sample array (its identity), like the
 * prompt caches hold them: an encoding lives as long as someone keeps the clip, so its memory
 * follows theirs, which is bounded (an encoding is small besides: 8 kB/s for G.711, about
 * 4 kB/s for Opus, against 44 kB/s for the 22.05 kHz clip itself). A stream that plays an
 * encoding keeps it even after the clip is gone. Encoding runs on the workers, never on the
 * caller's thread nor the clock.
 */
final class EncodedClips {
    private record Key(int sampleRate, String codec) {
    }

    private final Executor workers;
    private final Map<short[], Map<Key, EncodedClip>> cache = new WeakHashMap<>();
    private long encodings;

    EncodedClips(Executor workers) {
        this.workers = workers;
    }

    /**
     * {@code clip} as payloads of {@code codec} (a name {@link Codecs#create} takes), encoding it
     * unless that was done or is under way; an encoding that failed is tried again.
     */
    EncodedClip get(AudioClip clip, String codec) {
        Key key = new Key(clip.sampleRate(), codec.toUpperCase(java.util.Locale.ROOT));
        AudioCodec encoder;
        EncodedClip created;
        synchronized (this) {
            Map<Key, EncodedClip> byCodec = cache.computeIfAbsent(clip.samples(), k -> new HashMap<>());
            EncodedClip found = byCodec.get(key);
            if (found != null && !found.failed()) {
                return found;
            }
            encoder = Codecs.create(codec);
            created = new EncodedClip(ClipEncoding.frames(clip, encoder));
            byCodec.put(key, created);
            encodings++;
        }
        ClipEncoding.start(clip, encoder, created, workers); // callers meanwhile share it, not yet filled
        return created;
    }

    /** How many encodings were started (a shared one counts once). */
    synchronized long encodings() {
        return encodings;
    }

    /** How many clips have encodings. */
    synchronized int size() {
        return cache.size();
    }
}
