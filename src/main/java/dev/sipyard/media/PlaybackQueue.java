package dev.sipyard.media;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Playbacks waiting and playing on one stream, in the order {@code play} was called. The clock
 * takes one frame per tick; callers stop them from other threads. The clips are already at the
 * codec's PCM rate. Finished futures are returned to the caller, which completes them off the
 * clock thread.
 */
final class PlaybackQueue {
    /** One play() call. */
    static final class Item {
        final List<short[]> clips;
        final boolean stopOnKey;
        final CompletableFuture<PlaybackEnd> done;
        int clip;
        int offset;

        Item(List<short[]> clips, boolean stopOnKey, CompletableFuture<PlaybackEnd> done) {
            this.clips = clips;
            this.stopOnKey = stopOnKey;
            this.done = done;
        }
    }

    private final ArrayDeque<Item> items = new ArrayDeque<>();

    synchronized void add(Item item) {
        items.add(item);
    }

    synchronized boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * Fills {@code frame} with the next samples of the current playback (the last frame of a
     * playback is padded with silence). False when nothing plays; a playback whose last frame
     * this was is added to {@code finished}.
     */
    synchronized boolean next(short[] frame, List<Item> finished) {
        while (true) {
            Item item = items.peek();
            if (item == null) {
                return false;
            }
            int filled = 0;
            while (filled < frame.length && item.clip < item.clips.size()) {
                short[] samples = item.clips.get(item.clip);
                int n = Math.min(frame.length - filled, samples.length - item.offset);
                System.arraycopy(samples, item.offset, frame, filled, n);
                filled += n;
                item.offset += n;
                if (item.offset >= samples.length) {
                    item.clip++;
                    item.offset = 0;
                }
            }
            if (item.clip >= item.clips.size()) {
                items.poll();
                finished.add(item);
            }
            if (filled > 0) {
                Arrays.fill(frame, filled, frame.length, (short) 0);
                return true;
            }
        }
    }

    /** Removes every playback (stopPlayback, close). */
    synchronized List<Item> removeAll() {
        List<Item> removed = new ArrayList<>(items);
        items.clear();
        return removed;
    }

    /** A key was pressed: removes the playing item and the waiting ones that stop on a key. */
    synchronized List<Item> removeOnKey() {
        List<Item> removed = new ArrayList<>();
        Item current = items.peek();
        if (current == null || !current.stopOnKey) {
            return removed;
        }
        items.removeIf(item -> {
            if (item.stopOnKey) {
                removed.add(item);
                return true;
            }
            return false;
        });
        return removed;
    }
}
