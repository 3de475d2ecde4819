package dev.sipyard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.audio.AudioClip;
import org.junit.jupiter.api.Test;

class ClipCacheTest {
    private static final AudioClip THOUSAND = new AudioClip(8000, new short[1000]);
    private static final long ONE = ClipCache.sizeOf(THOUSAND);

    @Test
    void dropsTheLeastRecentlyUsedWhenOverBudget() {
        ClipCache<String> cache = new ClipCache<>(2 * ONE);
        AudioClip a = new AudioClip(8000, new short[1000]);
        AudioClip b = new AudioClip(8000, new short[1000]);
        cache.put("a", a);
        cache.put("b", b);
        assertThat(cache.get("a")).isSameAs(a);

        cache.put("c", THOUSAND);

        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isSameAs(a);
        assertThat(cache.get("c")).isSameAs(THOUSAND);
        assertThat(cache.bytes()).isEqualTo(2 * ONE);
    }

    @Test
    void replacingAnEntryCountsOnlyTheNewClip() {
        ClipCache<String> cache = new ClipCache<>(10 * ONE);
        cache.put("a", THOUSAND);
        cache.put("a", new AudioClip(8000, new short[10]));

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(ClipCache.sizeOf(new AudioClip(8000, new short[10])));
    }

    @Test
    void doesNotKeepAClipLargerThanTheWholeBudget() {
        ClipCache<String> cache = new ClipCache<>(ONE);
        cache.put("small", new AudioClip(8000, new short[10]));
        cache.put("big", new AudioClip(8000, new short[1001]));

        assertThat(cache.get("big")).isNull();
        assertThat(cache.get("small")).isNotNull();
    }
}
