package dev.sipyard.media;

import dev.sipyard.media.audio.AudioClip;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Playbacks waiting and playing on one stream, in the order {@code play} was called. The clips
 * are already encoded (or being encoded) for the stream's codec: the clock takes one payload per
 * tick; callers stop them from other threads. Finished futures are returned to the caller, which
 * completes them off the clock thread.
 */
final class PlaybackQueue {
    /** Returned by {@link #next} while the playing clip's next frame is still being encoded. */
    static final byte[] WAITING = new byte[0];

    /** One play() call. */
    static final class Item {
        final List<AudioClip> sources;
        final boolean stopOnKey;
        final CompletableFuture<PlaybackEnd> done;
        private List<EncodedClip> clips;
        private int clip;
        private int frame;

        Item(List<AudioClip> sources, List<EncodedClip> clips, boolean stopOnKey, CompletableFuture<PlaybackEnd> done) {
            if (sources.size() != clips.size()) {
                throw new IllegalArgumentException("one encoding per clip");
            }
            this.sources = sources;
            this.clips = clips;
            this.stopOnKey = stopOnKey;
            this.done = done;
        }

        /** The next payload, {@link #WAITING}, or null when every frame was taken. */
        private byte[] next() {
            skipPlayed();
            if (clip >= clips.size()) {
                return null;
            }
            byte[] payload = clips.get(clip).frame(frame);
            if (payload == null) {
                return WAITING;
            }
            frame++;
            return payload;
        }

        private boolean played() {
            skipPlayed();
            return clip >= clips.size();
        }

        private void skipPlayed() {
            while (clip < clips.size() && frame >= clips.get(clip).length()) {
                clip++;
                frame = 0;
            }
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
     * The next payload of the current playback, {@link #WAITING} when its encoding is behind, or
     * null when nothing plays. A playback whose last frame this was is added to {@code finished}.
     */
    synchronized byte[] next(List<Item> finished) {
        while (true) {
            Item item = items.peek();
            if (item == null) {
                return null;
            }
            byte[] payload = item.next();
            if (payload == null || item.played()) {
                items.poll();
                finished.add(item);
            }
            if (payload != null) {
                return payload;
            }
        }
    }

    /**
     * The stream changed its codec but not its frame size (PCMU and PCMA): every playback goes on
     * where it is with the clips encoded by {@code encoded}.
     */
    synchronized void reencode(Function<AudioClip, EncodedClip> encoded) {
        for (Item item : items) {
            item.clips = item.sources.stream().map(encoded).toList();
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
