package dev.sipyard.routing.cxml;

import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.PromptList;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnusableDocument;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * What {@code <Say>}, {@code <Play>} and (inside {@code <Gather>}) {@code <Pause>} play. {@code loop}
 * defaults to 1; {@code loop="0"} ("until the caller hangs up") and anything above
 * {@link PromptList#MAX_PROMPTS} play that many times at most; a negative or non-numeric loop is 1.
 */
final class CxmlPrompts {
    /** Characters of a {@code <Play digits>}. */
    static final int MAX_DIGITS_CHARS = 256;
    private static final Pattern DIGITS = Pattern.compile("[0-9*#A-Dw]+");

    private CxmlPrompts() {}

    /** {@code <Say voice language loop>text</Say>}: nothing when the text is blank. */
    static void say(Element say, PromptList into) throws UnusableDocument {
        String text = say.getTextContent().strip();
        if (text.isEmpty()) {
            return;
        }
        into.add(PromptList.speech(text, CxmlAttributes.text(say, "voice"), CxmlAttributes.text(say, "language"), "<Say>"),
                loop(say));
    }

    /**
     * {@code <Play loop digits>url</Play>}: the URL resolves against the document's; with {@code digits}
     * the DTMF is sent instead and the URL is ignored. {@code W} is a one-second pause ({@code ww}).
     */
    static void play(Element play, String documentUrl, PromptList into) throws UnusableDocument {
        if (play.hasAttribute("digits")) {
            into.add(new Step.Prompt.Digits(digits(play.getAttribute("digits"))), loop(play));
            return;
        }
        String url = DocumentFetches.resolve(documentUrl, play.getTextContent())
                .orElseThrow(() -> new UnusableDocument("<Play> has no valid audio URL"));
        into.add(new Step.Prompt.Audio(url), loop(play));
    }

    /** {@code <Pause length>} inside a Gather: silence, {@code length} seconds (default 1). */
    static void pause(Element pause, PromptList into) {
        int seconds = DocumentFetches.boundedInt(CxmlAttributes.text(pause, "length"), 1, 0, PromptList.MAX_SILENCE_SECONDS);
        if (seconds > 0) {
            into.add(PromptList.silence(seconds), 1);
        }
    }

    static int loop(Element verb) {
        Integer loop = DocumentFetches.parseInt(CxmlAttributes.text(verb, "loop"));
        if (loop == null || loop < 0) {
            return 1;
        }
        return loop == 0 ? PromptList.MAX_PROMPTS : Math.min(loop, PromptList.MAX_PROMPTS);
    }

    private static String digits(String attribute) throws UnusableDocument {
        String digits = attribute.strip().replace("W", "ww").replace("a", "A").replace("b", "B").replace("c", "C")
                .replace("d", "D");
        if (digits.length() > MAX_DIGITS_CHARS || !DIGITS.matcher(digits).matches()) {
            throw new UnusableDocument("<Play digits> must be 1 to " + MAX_DIGITS_CHARS
                    + " of 0-9, *, #, A-D, w and W");
        }
        return digits;
    }
}
