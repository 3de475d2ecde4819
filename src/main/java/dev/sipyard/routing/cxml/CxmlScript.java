package dev.sipyard.routing.cxml;

import dev.sipyard.routing.DialStatus;
import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.DocumentScript;
import dev.sipyard.routing.DocumentSource;
import dev.sipyard.routing.Format;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnusableDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Runs SignalWire's Twilio-compatible cXML for one call (CALLS.md "cXML"): the verbs that need no
 * media ({@code Dial}, {@code Reject}, {@code Hangup}, {@code Redirect}, {@code Pause}); any other
 * verb refuses the call with {@code 501}.
 */
public final class CxmlScript extends DocumentScript {
    /** {@code <Redirect>}s allowed per call. */
    public static final int MAX_REDIRECTS = 10;

    private List<Element> verbs = List.of();
    private int nextVerb;
    private int redirects;
    private CxmlDial pendingDial;

    public CxmlScript(DocumentSource source) {
        super(source, Format.CXML_FORM);
    }

    @Override
    protected Step pauseEnded() {
        return nextVerb();
    }

    @Override
    protected void load(String body) throws UnusableDocument {
        verbs = CxmlParser.verbs(body);
    }

    @Override
    protected Step begin() {
        nextVerb = 0;
        return nextVerb();
    }

    private Step nextVerb() {
        if (nextVerb >= verbs.size()) {
            return new Step.Refuse(603, "Document ended without connecting the call");
        }
        Element verb = verbs.get(nextVerb++);
        return switch (verb.getTagName()) {
            case "Dial" -> dial(verb);
            case "Pause" -> new Step.Pause(DocumentFetches.boundedInt(attribute(verb, "length"), 1, 0, 600));
            case "Reject" -> "busy".equals(attribute(verb, "reason"))
                    ? new Step.Refuse(486, "Rejected by document (busy)")
                    : new Step.Refuse(603, "Rejected by document (rejected)");
            case "Hangup" -> new Step.Refuse(603, "Hung up by document");
            case "Redirect" -> redirect(verb);
            default -> new Step.Refuse(501, "cXML verb " + verb.getTagName() + " is not supported on this server yet");
        };
    }

    private Step dial(Element verb) {
        try {
            pendingDial = CxmlDial.parse(verb, documentUrl());
        } catch (CxmlDial.Unsupported e) {
            return new Step.Refuse(501, e.getMessage());
        } catch (UnusableDocument e) {
            return unusable(e);
        }
        return pendingDial.step();
    }

    @Override
    protected Step dialEnded(Outcome.Dialed dialed) {
        if (dialed.status() == DialStatus.COMPLETED) {
            return new Step.Finished();
        }
        if (pendingDial.actionUrl() == null) {
            return nextVerb();
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("DialCallStatus", dialed.status().wireName());
        params.put("DialCallSid", dialed.dialCallSid() == null ? "" : dialed.dialCallSid());
        params.put("DialCallDuration", Integer.toString(Math.max(0, dialed.durationSeconds())));
        return fetches.fetch(pendingDial.actionUrl(), pendingDial.actionMethod(), params);
    }

    private Step redirect(Element verb) {
        if (++redirects > MAX_REDIRECTS) {
            return new Step.Refuse(500, "More than " + MAX_REDIRECTS + " <Redirect>s in one call");
        }
        return DocumentFetches.resolve(documentUrl(), verb.getTextContent())
                .<Step>map(url -> fetches.fetch(url, attribute(verb, "method"), Map.of()))
                .orElseGet(() -> unusable(new UnusableDocument("<Redirect> has no valid URL")));
    }

    /** The attribute's value, or null when it is absent or blank. */
    static String attribute(Element element, String name) {
        String value = element.getAttribute(name);
        return value.isBlank() ? null : value.strip();
    }
}
