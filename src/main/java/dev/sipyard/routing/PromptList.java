package dev.sipyard.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The prompts of one {@link Step.Play} as a document builds them, with the bounds both interpreters
 * apply: at most {@link #MAX_PROMPTS} entries (repeats beyond that are dropped; a caller would have
 * listened for hours), speech at most {@link #MAX_SPEECH_CHARS} characters (longer text makes the
 * document unusable rather than being cut mid-sentence), silence at most {@link #MAX_SILENCE_SECONDS}.
 */
public final class PromptList {
    /** Entries in one Play; a loop of "forever" ({@code loop="0"}) ends here. */
    public static final int MAX_PROMPTS = 1000;
    /** Characters of one spoken text; the speech synthesizer must accept at least this many. */
    public static final int MAX_SPEECH_CHARS = 4096;
    public static final int MAX_SILENCE_SECONDS = 600;

    private final List<Step.Prompt> prompts = new ArrayList<>();

    /** Adds {@code prompt} {@code times} times, as far as the bound allows. */
    public void add(Step.Prompt prompt, int times) {
        for (int i = 0; i < times && prompts.size() < MAX_PROMPTS; i++) {
            prompts.add(prompt);
        }
    }

    public void addAll(PromptList other) {
        for (Step.Prompt p : other.prompts) {
            add(p, 1);
        }
    }

    public boolean isEmpty() {
        return prompts.isEmpty();
    }

    public List<Step.Prompt> toList() {
        return List.copyOf(prompts);
    }

    /**
     * Text to speak, checked against {@link #MAX_SPEECH_CHARS}; {@code what} names the verb in the
     * reason (e.g. {@code <Say>}).
     */
    public static Step.Prompt.Speech speech(String text, String voice, String language, String what)
            throws UnusableDocument {
        if (text.codePointCount(0, text.length()) > MAX_SPEECH_CHARS) {
            throw new UnusableDocument(what + " text is longer than " + MAX_SPEECH_CHARS + " characters");
        }
        return new Step.Prompt.Speech(text, blankToNull(voice), blankToNull(language));
    }

    /** {@code seconds} of silence (fractions allowed), clamped to 0..{@link #MAX_SILENCE_SECONDS}. */
    public static Step.Prompt.Silence silence(double seconds) {
        double bounded = Double.isNaN(seconds) ? 0 : Math.max(0, Math.min(MAX_SILENCE_SECONDS, seconds));
        return new Step.Prompt.Silence((int) Math.round(bounded * 1000));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
