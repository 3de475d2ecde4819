package dev.sipyard.routing.cxml;

import dev.sipyard.routing.DialStatus;
import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.DocumentScript;
import dev.sipyard.routing.DocumentSource;
import dev.sipyard.routing.Format;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.PromptList;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnsupportedFeature;
import dev.sipyard.routing.UnusableDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Runs SignalWire's Twilio-compatible cXML for one call (CALLS.md "cXML"): {@code Dial}, {@code Reject},
 * {@code Hangup}, {@code Redirect}, {@code Pause}, and with the media engine {@code Say}, {@code Play},
 * {@code Gather} and {@code Record}; any other verb refuses the call with {@code 501}.
 *
 * <p>One verb is one step. {@code <Say>}/{@code <Play>} become a {@link Step.Play} without collection;
 * {@code <Gather>} a Play that collects digits, whose {@code action} gets {@code Digits} (no digits: the
 * next verb runs, as in Twilio); {@code <Record>} a {@link Step.Record} whose {@code action} (or, without
 * one, the current document again) gets {@code RecordingUrl}, {@code RecordingDuration},
 * {@code RecordingSid} and {@code Digits}. Requests of the current document after a Record count
 * against {@link #MAX_REDIRECTS}, so a document that records and returns itself cannot loop forever.
 * {@code <Reject>} after the caller was answered hangs up, as {@code <Hangup>} does.
 */
public final class CxmlScript extends DocumentScript {
    /** {@code <Redirect>}s, and {@code <Record>}s without action, allowed per call. */
    public static final int MAX_REDIRECTS = 10;

    private List<Element> verbs = List.of();
    private int nextVerb;
    private int redirects;
    private CxmlDial pendingDial;
    /** The Gather whose Play is outstanding; null when that Play is a {@code <Say>} or {@code <Play>}. */
    private CxmlGather pendingGather;
    private CxmlRecord pendingRecord;

    public CxmlScript(DocumentSource source) {
        super(source, Format.CXML_FORM);
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

    @Override
    protected Step pauseEnded() {
        return nextVerb();
    }

    private Step nextVerb() {
        while (nextVerb < verbs.size()) {
            Step step = verb(verbs.get(nextVerb++));
            if (step != null) {
                return step;
            }
        }
        return documentEnded();
    }

    /** The step for one verb; null when it has nothing to do (a {@code <Say>} without text). */
    private Step verb(Element verb) {
        try {
            return switch (verb.getTagName()) {
                case "Say", "Play" -> prompts(verb);
                case "Gather" -> gather(verb);
                case "Record" -> record(verb);
                case "Dial" -> dial(verb);
                case "Pause" -> new Step.Pause(DocumentFetches.boundedInt(CxmlAttributes.text(verb, "length"), 1, 0,
                        PromptList.MAX_SILENCE_SECONDS));
                case "Reject" -> reject(verb);
                case "Hangup" -> new Step.Refuse(603, "Hung up by document");
                case "Redirect" -> redirect(verb);
                default -> throw new UnsupportedFeature(
                        "cXML verb " + CxmlAttributes.printable(verb.getTagName()) + " is not supported on this server yet");
            };
        } catch (UnsupportedFeature e) {
            return new Step.Refuse(501, e.getMessage());
        } catch (UnusableDocument e) {
            return unusable(e);
        }
    }

    private Step prompts(Element verb) throws UnusableDocument {
        PromptList prompts = new PromptList();
        if (verb.getTagName().equals("Say")) {
            CxmlPrompts.say(verb, prompts);
        } else {
            CxmlPrompts.play(verb, documentUrl(), prompts);
        }
        pendingGather = null;
        return prompts.isEmpty() ? null : new Step.Play(prompts.toList(), null);
    }

    private Step gather(Element verb) throws UnusableDocument, UnsupportedFeature {
        pendingGather = CxmlGather.parse(verb, documentUrl());
        return pendingGather.step();
    }

    @Override
    protected Step played(Outcome.Played played) {
        CxmlGather gather = pendingGather;
        pendingGather = null;
        String digits = played.digits() == null ? "" : played.digits();
        if (gather == null || (digits.isEmpty() && !gather.actionOnEmptyResult())) {
            return nextVerb();
        }
        return fetches.fetch(gather.actionUrl(), gather.actionMethod(), Map.of("Digits", digits));
    }

    private Step record(Element verb) throws UnusableDocument {
        pendingRecord = CxmlRecord.parse(verb, documentUrl());
        return pendingRecord.step();
    }

    /** Nothing recorded: the next verb, as Twilio does; else the action, or this document once more. */
    @Override
    protected Step recorded(Outcome.Recorded recorded) {
        if (recorded.recordingSid() == null) {
            return nextVerb();
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("RecordingUrl", recorded.recordingUrl() == null ? "" : recorded.recordingUrl());
        params.put("RecordingDuration", Integer.toString(Math.max(0, recorded.durationSeconds())));
        params.put("RecordingSid", recorded.recordingSid());
        params.put("Digits", recorded.digits() == null ? "" : recorded.digits());
        if (pendingRecord.actionUrl() != null) {
            return fetches.fetch(pendingRecord.actionUrl(), pendingRecord.actionMethod(), params);
        }
        return refetch(documentUrl(), pendingRecord.actionMethod(), params);
    }

    private Step dial(Element verb) throws UnusableDocument, UnsupportedFeature {
        pendingDial = CxmlDial.parse(verb, documentUrl());
        return pendingDial.step();
    }

    @Override
    protected Step dialEnded(Outcome.Dialed dialed) {
        if (dialed.status() == DialStatus.COMPLETED && !callAnswered()) {
            return new Step.Finished(); // proxied: the call goes on between the parties
        }
        // a bridge of an answered call reports when it ended: the document goes on, as after a failure
        if (pendingDial.actionUrl() == null) {
            return nextVerb();
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("DialCallStatus", dialed.status().wireName());
        params.put("DialCallSid", dialed.dialCallSid() == null ? "" : dialed.dialCallSid());
        params.put("DialCallDuration", Integer.toString(Math.max(0, dialed.durationSeconds())));
        return fetches.fetch(pendingDial.actionUrl(), pendingDial.actionMethod(), params);
    }

    /** Before answering, a final response; an answered caller can only be hung up. */
    private Step reject(Element verb) {
        if (callAnswered()) {
            return new Step.Refuse(603, "Hung up by document (<Reject> after answering)");
        }
        return "busy".equals(CxmlAttributes.text(verb, "reason"))
                ? new Step.Refuse(486, "Rejected by document (busy)")
                : new Step.Refuse(603, "Rejected by document (rejected)");
    }

    private Step redirect(Element verb) throws UnusableDocument {
        String url = DocumentFetches.resolve(documentUrl(), verb.getTextContent())
                .orElseThrow(() -> new UnusableDocument("<Redirect> has no valid URL"));
        return refetch(url, CxmlAttributes.text(verb, "method"), Map.of());
    }

    /** A fetch that only the document asked for, bounded per call so that no document loops forever. */
    private Step refetch(String url, String method, Map<String, String> params) {
        if (++redirects > MAX_REDIRECTS) {
            return new Step.Refuse(500,
                    "More than " + MAX_REDIRECTS + " <Redirect>s (or <Record>s without action) in one call");
        }
        return fetches.fetch(url, method, params);
    }
}
