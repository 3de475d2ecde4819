package dev.sipyard.media;

import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Tones;
import dev.sipyard.media.rtp.TelephoneEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Digits waiting to be sent on one stream, expanded and, in band, encoded (by the caller's thread,
 * not the clock) into one step per 20 ms tick. As RFC 4733 events: {@link #EVENT_FRAMES} packets with a growing
 * duration (the first with the marker bit), then {@link #END_PACKETS} end packets with the final
 * duration, all with the event's start timestamp, then {@link #GAP_FRAMES} frames of silence. In
 * band: {@link #EVENT_FRAMES} frames of the DTMF tone pair, then as many frames of silence.
 * {@code w} is 500 ms of silence; other characters are skipped.
 */
final class OutgoingDigits {
    static final int EVENT_FRAMES = 5;
    static final int END_PACKETS = 3;
    static final int GAP_FRAMES = 3;
    static final int PAUSE_FRAMES = 25;
    static final int VOLUME = 10;

    /** What one tick sends. */
    enum Kind { SILENCE, EVENT, TONE }

    static final class Step {
        final Kind kind;
        final int event;
        final int durationFrames;
        final boolean first;
        final boolean end;
        final short[] pcm;
        /** What a tone or silence step sends when encoded in band; null: the stream's silence. */
        byte[] payload;
        CompletableFuture<Void> completes;

        Step(Kind kind, int event, int durationFrames, boolean first, boolean end, short[] pcm) {
            this.kind = kind;
            this.event = event;
            this.durationFrames = durationFrames;
            this.first = first;
            this.end = end;
            this.pcm = pcm;
        }
    }

    private final ArrayDeque<Step> steps = new ArrayDeque<>();

    /** Expands {@code digits}; {@code rate}/{@code frameSamples} only matter for in-band tones. */
    static List<Step> expand(String digits, boolean rfc4733, int rate, int frameSamples) {
        List<Step> out = new ArrayList<>();
        for (char c : digits.toCharArray()) {
            if (c == 'w' || c == 'W') {
                addSilence(out, PAUSE_FRAMES);
                continue;
            }
            int event = TelephoneEvent.event(Character.toUpperCase(c));
            if (event < 0) {
                continue;
            }
            if (rfc4733) {
                for (int i = 1; i <= EVENT_FRAMES; i++) {
                    out.add(new Step(Kind.EVENT, event, i, i == 1, false, null));
                }
                for (int i = 0; i < END_PACKETS; i++) {
                    out.add(new Step(Kind.EVENT, event, EVENT_FRAMES, false, true, null));
                }
                addSilence(out, GAP_FRAMES);
            } else {
                short[] tone = Tones.dtmf(rate, Character.toUpperCase(c), EVENT_FRAMES * 20);
                for (int i = 0; i < EVENT_FRAMES; i++) {
                    short[] frame = new short[frameSamples];
                    int from = i * frameSamples;
                    if (from < tone.length) {
                        System.arraycopy(tone, from, frame, 0, Math.min(frameSamples, tone.length - from));
                    }
                    out.add(new Step(Kind.TONE, event, 0, i == 0, false, frame));
                }
                addSilence(out, EVENT_FRAMES);
            }
        }
        return out;
    }

    private static void addSilence(List<Step> out, int frames) {
        for (int i = 0; i < frames; i++) {
            out.add(new Step(Kind.SILENCE, -1, 0, false, false, null));
        }
    }

    /**
     * Encodes the tone and silence steps of in-band digits in order with {@code encoder} (a fresh
     * one: its state then runs from one tone into the silence after it, which carries the tone's
     * end for a codec that looks ahead).
     */
    static void encode(List<Step> steps, AudioCodec encoder) {
        short[] zeros = new short[encoder.frameSamples()];
        for (Step step : steps) {
            if (step.kind != Kind.EVENT) {
                step.payload = encoder.encode(step.kind == Kind.TONE ? step.pcm : zeros);
            }
        }
    }

    /**
     * The stream changed its codec but not its frame size (PCMU and PCMA): the in-band steps
     * still waiting are encoded again with {@code encoder}.
     */
    synchronized void reencode(AudioCodec encoder) {
        List<Step> encoded = steps.stream().filter(step -> step.payload != null).toList();
        encode(encoded, encoder);
    }

    /** Queues the steps of one sendDigits call; {@code done} completes after its last step. */
    synchronized void add(List<Step> expanded, CompletableFuture<Void> done) {
        if (expanded.isEmpty()) {
            expanded = List.of(new Step(Kind.SILENCE, -1, 0, false, false, null));
        }
        expanded.get(expanded.size() - 1).completes = done;
        steps.addAll(expanded);
    }

    /** The step for this tick, or null when no digits are being sent. */
    synchronized Step next() {
        return steps.poll();
    }

    /** Drops every waiting step; returns the futures that will never complete normally. */
    synchronized List<CompletableFuture<Void>> clear() {
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        for (Step step : steps) {
            if (step.completes != null) {
                dropped.add(step.completes);
            }
        }
        steps.clear();
        return dropped;
    }
}
