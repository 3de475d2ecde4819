package dev.sipyard.routing.cxml;

import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.PromptList;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnsupportedFeature;
import dev.sipyard.routing.UnusableDocument;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A parsed {@code <Gather>}: its nested {@code <Say>}/{@code <Play>}/{@code <Pause>} played with
 * DTMF collection (a key stops the prompts unless {@code bargeIn="false"}), and where the digits go.
 *
 * <p>Attributes: {@code numDigits} (absent or non-numeric: {@link Step.Collect#MAX_DIGITS}, i.e. until
 * the finish key or the timeout, as Twilio does without a limit; below 1 it is 1, above
 * {@link Step.Collect#MAX_DIGITS} it is clamped to that), {@code finishOnKey} (default {@code #};
 * empty: none; anything but keys: the default), {@code timeout} (default 5, 1..{@link #MAX_TIMEOUT}),
 * {@code action}/{@code method} (default: the current document, POST), {@code actionOnEmptyResult}.
 * {@code input} with {@code dtmf} (or absent) gathers digits; speech alone cannot be done here. Speech
 * attributes ({@code hints}, {@code language}, ...) and unknown attributes are ignored.
 *
 * @param actionUrl where the digits are sent: the {@code action}, or the current document's URL
 */
record CxmlGather(Step.Play step, String actionUrl, String actionMethod, boolean actionOnEmptyResult) {
    static final int DEFAULT_TIMEOUT = 5;
    static final int MAX_TIMEOUT = 600;

    static CxmlGather parse(Element gather, String documentUrl) throws UnusableDocument, UnsupportedFeature {
        List<String> input = Arrays.asList(inputOf(gather));
        if (input.contains("speech") && !input.contains("dtmf")) {
            throw new UnsupportedFeature("<Gather input=\"speech\">: speech input is not supported on this server");
        }
        String action = CxmlAttributes.text(gather, "action");
        String actionUrl = action == null ? documentUrl : DocumentFetches.resolve(documentUrl, action)
                .orElseThrow(() -> new UnusableDocument("<Gather action> is not a valid URL"));
        Step.Collect collect = new Step.Collect(
                DocumentFetches.boundedInt(CxmlAttributes.text(gather, "numDigits"), Step.Collect.MAX_DIGITS, 1,
                        Step.Collect.MAX_DIGITS),
                CxmlAttributes.keys(gather, "finishOnKey", "#"),
                DocumentFetches.boundedInt(CxmlAttributes.text(gather, "timeout"), DEFAULT_TIMEOUT, 1, MAX_TIMEOUT),
                CxmlAttributes.flag(gather, "bargeIn", true));
        return new CxmlGather(new Step.Play(prompts(gather, documentUrl).toList(), collect), actionUrl,
                DocumentFetches.method(CxmlAttributes.text(gather, "method")),
                CxmlAttributes.flag(gather, "actionOnEmptyResult", false));
    }

    private static String[] inputOf(Element gather) {
        String input = CxmlAttributes.text(gather, "input");
        return input == null ? new String[] {"dtmf"} : input.toLowerCase(Locale.ROOT).split("[\\s,]+");
    }

    private static PromptList prompts(Element gather, String documentUrl) throws UnusableDocument {
        PromptList prompts = new PromptList();
        for (Node n = gather.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element nested) {
                switch (nested.getTagName()) {
                    case "Say" -> CxmlPrompts.say(nested, prompts);
                    case "Play" -> CxmlPrompts.play(nested, documentUrl, prompts);
                    case "Pause" -> CxmlPrompts.pause(nested, prompts);
                    default -> throw new UnusableDocument("<Gather> may hold only <Say>, <Play> and <Pause>, not <"
                            + CxmlAttributes.printable(nested.getTagName()) + ">");
                }
            }
        }
        return prompts;
    }
}
