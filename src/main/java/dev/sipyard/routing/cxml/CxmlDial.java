package dev.sipyard.routing.cxml;

import dev.sipyard.routing.DialTarget;
import dev.sipyard.routing.DialledTarget;
import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnsupportedFeature;
import dev.sipyard.routing.UnusableDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A parsed {@code <Dial>}: what to ring and where to go when it does not connect.
 *
 * @param actionUrl the absolute {@code action} URL, or null when there is none
 */
record CxmlDial(Step.Dial step, String actionUrl, String actionMethod) {
    static final int DEFAULT_TIMEOUT = 30;

    static CxmlDial parse(Element dial, String documentUrl) throws UnusableDocument, UnsupportedFeature {
        List<DialTarget> targets = targets(dial);
        String action = CxmlAttributes.text(dial, "action");
        String actionUrl = null;
        if (action != null) {
            actionUrl = DocumentFetches.resolve(documentUrl, action)
                    .orElseThrow(() -> new UnusableDocument("<Dial action> is not a valid URL"));
        }
        Integer timeLimit = DocumentFetches.parseInt(CxmlAttributes.text(dial, "timeLimit"));
        Step.Dial step = new Step.Dial(targets, targets.size() > 1,
                DocumentFetches.boundedInt(CxmlAttributes.text(dial, "timeout"), DEFAULT_TIMEOUT, 5, 600),
                CxmlAttributes.text(dial, "callerId"),
                timeLimit == null || timeLimit <= 0 ? null : Math.min(timeLimit, 86_400));
        return new CxmlDial(step, actionUrl, DocumentFetches.method(CxmlAttributes.text(dial, "method")));
    }

    private static List<DialTarget> targets(Element dial) throws UnusableDocument, UnsupportedFeature {
        List<DialTarget> targets = new ArrayList<>();
        boolean hasNouns = false;
        for (Node n = dial.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element noun) {
                hasNouns = true;
                targets.add(switch (noun.getTagName()) {
                    case "Sip" -> sip(noun.getTextContent());
                    case "Number" -> number(noun.getTextContent());
                    default -> throw new UnsupportedFeature(
                            "cXML noun " + noun.getTagName() + " is not supported on this server yet");
                });
            }
        }
        if (!hasNouns && !dial.getTextContent().isBlank()) {
            targets.add(number(dial.getTextContent()));
        }
        if (targets.isEmpty()) {
            throw new UnusableDocument("<Dial> names nobody to call");
        }
        return targets;
    }

    private static DialTarget sip(String text) throws UnusableDocument {
        String uri = text.strip();
        String lower = uri.toLowerCase(Locale.ROOT);
        boolean sipScheme = lower.startsWith("sip:") || lower.startsWith("sips:");
        if (!sipScheme || uri.length() > 1024 || uri.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new UnusableDocument("<Sip> is not a SIP URI");
        }
        return new DialTarget.Sip(uri);
    }

    private static DialTarget number(String text) throws UnusableDocument {
        return new DialTarget.Number(DialledTarget.pstnNumber(text.strip())
                .orElseThrow(() -> new UnusableDocument("<Number> is not a phone number")));
    }
}
