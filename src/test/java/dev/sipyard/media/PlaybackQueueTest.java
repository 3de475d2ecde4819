package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.audio.AudioClip;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PlaybackQueueTest {
    private final PlaybackQueue queue = new PlaybackQueue();
    private final List<PlaybackQueue.Item> finished = new ArrayList<>();

    private static EncodedClip encoded(int... frames) {
        EncodedClip clip = new EncodedClip(frames.length);
        for (int f : frames) {
            clip.publish(new byte[] {(byte) f});
        }
        return clip;
    }

    private static PlaybackQueue.Item item(EncodedClip... clips) {
        List<AudioClip> sources = new ArrayList<>();
        for (int i = 0; i < clips.length; i++) {
            sources.add(AudioClip.silence(8000, 20));
        }
        return new PlaybackQueue.Item(sources, List.of(clips), false, new CompletableFuture<>());
    }

    @Test
    void aFrameNotYetEncodedIsWaitedForAndThePlaybackEndsWithItsLastFrame() {
        EncodedClip clip = new EncodedClip(3);
        clip.publish(new byte[] {0});
        PlaybackQueue.Item item = item(clip);
        queue.add(item);

        assertThat(queue.next(finished)).containsExactly(0);
        assertThat(queue.next(finished)).isSameAs(PlaybackQueue.WAITING);
        clip.publish(new byte[] {1});
        clip.publish(new byte[] {2});
        assertThat(queue.next(finished)).containsExactly(1);
        assertThat(finished).isEmpty();
        assertThat(queue.next(finished)).containsExactly(2);
        assertThat(finished).containsExactly(item);
        assertThat(queue.next(finished)).isNull();
    }

    @Test
    void clipsAndPlaybacksFollowEachOtherAndEmptyOnesAreSkipped() {
        PlaybackQueue.Item first = item(encoded(1), new EncodedClip(0), encoded(2, 3));
        PlaybackQueue.Item second = item(encoded(4));
        queue.add(first);
        queue.add(second);

        List<Integer> sent = new ArrayList<>();
        byte[] payload;
        while ((payload = queue.next(finished)) != null) {
            sent.add((int) payload[0]);
        }

        assertThat(sent).containsExactly(1, 2, 3, 4);
        assertThat(finished).containsExactly(first, second);
    }

    @Test
    void aFailedEncodingEndsItsClipEarly() {
        EncodedClip clip = new EncodedClip(5);
        clip.publish(new byte[] {7});
        queue.add(item(clip, encoded(8)));

        assertThat(queue.next(finished)).containsExactly(7);
        clip.fail();

        assertThat(queue.next(finished)).containsExactly(8);
        assertThat(finished).hasSize(1);
    }

    @Test
    void anotherEncodingGoesOnWhereThePlaybackWas() {
        queue.add(item(encoded(1, 2, 3)));
        assertThat(queue.next(finished)).containsExactly(1);

        queue.reencode(source -> encoded(11, 12, 13));

        assertThat(queue.next(finished)).containsExactly(12);
        assertThat(queue.next(finished)).containsExactly(13);
        assertThat(finished).hasSize(1);
    }
}
