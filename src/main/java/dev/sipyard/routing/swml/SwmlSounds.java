package dev.sipyard.routing.swml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.PromptList;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnusableDocument;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SWML's playable sounds, after {@code ${var}} substitution: an {@code http(s)} audio URL,
 * {@code say:<text>}, {@code silence:<seconds>}, and {@code ring:[seconds:]<country>}, which this
 * server plays as silence of that length (one ring: {@link #ONE_RING_SECONDS}) as it has no ring tones.
 */
final class SwmlSounds {
    /** One ring cycle (two seconds of tone, four of pause, as in the US). */
    static final int ONE_RING_SECONDS = 6;
    private static final Pattern RING =
            Pattern.compile("(?:\\s*([0-9]+(?:\\.[0-9]*)?)\\s*:)?\\s*[A-Za-z]{2}(?:-[A-Za-z]+)?\\s*");

    /** The voice for {@code say:}: {@code say_voice}, {@code say_language}; nulls mean defaults. */
    record Voice(String voice, String language) {}

    private SwmlSounds() {}

    /** Adds one sound ({@code sounds} a value) or several (an array) to {@code into}. */
    static void add(JsonNode sounds, Voice voice, SwmlVariables vars, PromptList into) throws UnusableDocument {
        if (sounds.isArray()) {
            for (JsonNode sound : sounds) {
                add(vars.text(sound), voice, into);
            }
        } else {
            add(vars.text(sounds), voice, into);
        }
    }

    private static void add(String sound, Voice voice, PromptList into) throws UnusableDocument {
        String text = sound == null ? "" : sound.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("say:")) {
            String speech = text.substring(4).strip();
            if (!speech.isEmpty()) {
                into.add(PromptList.speech(speech, voice.voice(), voice.language(), "SWML say:"), 1);
            }
        } else if (lower.startsWith("silence:")) {
            into.add(PromptList.silence(seconds(text.substring(8))), 1);
        } else if (lower.startsWith("ring:")) {
            into.add(PromptList.silence(ring(text.substring(5))), 1);
        } else if (lower.startsWith("http://") || lower.startsWith("https://")) {
            into.add(new Step.Prompt.Audio(DocumentFetches.resolve(null, text)
                    .orElseThrow(() -> new UnusableDocument("SWML play URL is not a valid http(s) URL"))), 1);
        } else {
            throw new UnusableDocument("SWML play sound is neither an http(s) URL nor say:, silence: or ring:");
        }
    }

    private static double seconds(String text) throws UnusableDocument {
        try {
            double seconds = Double.parseDouble(text.strip());
            if (seconds >= 0 && Double.isFinite(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UnusableDocument("SWML silence: needs a number of seconds");
    }

    private static double ring(String text) throws UnusableDocument {
        Matcher m = RING.matcher(text);
        if (!m.matches()) {
            throw new UnusableDocument("SWML ring: needs [seconds:]country, e.g. ring:20.0:us");
        }
        return m.group(1) == null ? ONE_RING_SECONDS : Double.parseDouble(m.group(1));
    }
}
