package dev.sipyard.routing.swml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sipyard.routing.DialStatus;
import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.DocumentScript;
import dev.sipyard.routing.DocumentSource;
import dev.sipyard.routing.Format;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnsupportedFeature;
import dev.sipyard.routing.UnusableDocument;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs SWML for one call (CALLS.md "SWML"): {@code connect}, {@code hangup}, {@code transfer},
 * {@code goto}/{@code label}, {@code set}/{@code unset} and {@code switch}, and with the media engine
 * {@code answer}, {@code play}, {@code prompt} (setting {@code prompt_value}, {@code prompt_result},
 * {@code prompt_digit_terminator}) and {@code record} (setting {@code record_url}, {@code record_result});
 * any other method refuses the call with {@code 501}. Jumps are bounded, so no document loops forever.
 */
public final class SwmlScript extends DocumentScript {
    /** Executed {@code goto}s and {@code transfer}s to a section allowed per call. */
    public static final int MAX_JUMPS = 100;
    /** {@code transfer}s to a URL allowed per call. */
    public static final int MAX_TRANSFER_FETCHES = 10;

    private final SwmlVariables vars;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Map<JsonNode, Integer> gotoCounts = new IdentityHashMap<>();
    private SwmlDocument document;
    private int jumps;
    private int transferFetches;
    private SwmlConnect connect;
    private int connectGroup;
    /** The collection of the prompt whose Play is outstanding; null when that Play is a {@code play}. */
    private Step.Collect pendingPrompt;

    /** A list of steps being run and the index of the next one. */
    private static final class Frame {
        final ArrayNode steps;
        int next;

        Frame(ArrayNode steps) {
            this.steps = steps;
        }
    }

    /**
     * @param source where the document comes from (always fetched with POST as JSON)
     * @param callVariables the call's variables by their full name, e.g. {@code call.from}; see {@link #callVariables}
     */
    public SwmlScript(DocumentSource source, Map<String, String> callVariables) {
        super(new DocumentSource(source.url(), "POST", source.fallbackUrl(), source.fallbackMethod(),
                source.statusCallbackUrl(), source.statusCallbackMethod()), Format.SWML_JSON);
        this.vars = new SwmlVariables(callVariables);
    }

    /** The call variables a document can name: {@code call.from}, {@code call.to}, {@code call.call_id}, ... */
    public static Map<String, String> callVariables(String from, String to, String callId, String direction,
            String projectId) {
        Map<String, String> call = new LinkedHashMap<>();
        call.put("call.from", from == null ? "" : from);
        call.put("call.to", to == null ? "" : to);
        call.put("call.call_id", callId == null ? "" : callId);
        call.put("call.direction", direction == null ? "" : direction);
        call.put("call.project_id", projectId == null ? "" : projectId);
        call.put("call.type", "sip");
        return call;
    }

    @Override
    protected void load(String body) throws UnusableDocument {
        document = SwmlDocument.parse(body);
    }

    @Override
    protected Step begin() {
        frames.clear();
        frames.push(new Frame(document.main()));
        return run();
    }

    @Override
    protected Step dialEnded(Outcome.Dialed dialed) {
        if (dialed.status() == DialStatus.COMPLETED) {
            vars.set("connect_result", "connected");
            // proxied, the call goes on between the parties; bridged after answering, it has ended and the script goes on
            return callAnswered() ? run() : new Step.Finished();
        }
        if (++connectGroup < connect.groups().size()) {
            return connect.dial(connectGroup);
        }
        vars.set("connect_result", "failed");
        return run();
    }

    @Override
    protected Step pauseEnded() {
        return run();
    }

    @Override
    protected Step answered() {
        return run();
    }

    @Override
    protected Step played(Outcome.Played played) {
        if (pendingPrompt != null) {
            SwmlPlayback.promptEnded(played, pendingPrompt, vars);
            pendingPrompt = null;
        }
        return run();
    }

    @Override
    protected Step recorded(Outcome.Recorded recorded) {
        SwmlRecord.ended(recorded, vars);
        return run();
    }

    /** Runs steps until one needs the engine or ends the script. */
    private Step run() {
        while (!frames.isEmpty()) {
            Frame frame = frames.peek();
            if (frame.next >= frame.steps.size()) {
                frames.pop();
                continue;
            }
            Step step = execute(frame.steps.get(frame.next++));
            if (step != null) {
                return step;
            }
        }
        return documentEnded();
    }

    /** Carries out one step; null when the run goes on without the engine. */
    private Step execute(JsonNode step) {
        String method;
        JsonNode params;
        if (step.isTextual()) {
            method = step.asText();
            params = null;
        } else if (step.isObject() && step.size() == 1) {
            method = step.fieldNames().next();
            params = step.get(method);
        } else {
            return invalid("a SWML step must be a method name or an object with one method");
        }
        return switch (method) {
            case "label" -> null;
            case "set" -> set(params);
            case "unset" -> unset(params);
            case "goto" -> goTo(step, params);
            case "switch" -> switchOn(params);
            case "transfer" -> transfer(params);
            case "hangup" -> hangup(params);
            case "connect" -> connect(params);
            case "answer" -> callAnswered() ? null : new Step.Answer();
            case "play", "prompt", "record" -> media(method, params);
            default -> new Step.Refuse(501,
                    "SWML method " + SwmlDocument.safe(method) + " is not supported on this server yet");
        };
    }

    private Step set(JsonNode params) {
        if (params == null || !params.isObject()) {
            return invalid("SWML set needs an object of variables");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isContainerNode()) {
                return invalid("SWML set supports only text, number and boolean values");
            }
            String value = vars.text(entry.getValue());
            vars.set(entry.getKey(), value == null ? "" : value);
        }
        return null;
    }

    private Step unset(JsonNode params) {
        if (params != null && params.isTextual()) {
            vars.unset(params.asText());
            return null;
        }
        if (params == null || !params.isArray()) {
            return invalid("SWML unset needs a variable name or a list of them");
        }
        params.forEach(name -> vars.unset(name.asText()));
        return null;
    }

    private Step goTo(JsonNode step, JsonNode params) {
        String label = params != null && params.isObject() ? vars.text(params.get("label")) : vars.text(params);
        if (label == null || label.isBlank()) {
            return invalid("SWML goto needs a label");
        }
        if (params.isObject() && params.has("when")) {
            return new Step.Refuse(501, "SWML goto with when is not supported on this server yet");
        }
        // Without max only the per-call bound applies, so an endless loop ends in a 500, not a fall-through.
        int max = params.isObject()
                ? DocumentFetches.boundedInt(vars.text(params.get("max")), MAX_JUMPS + 1, 0, MAX_JUMPS + 1)
                : MAX_JUMPS + 1;
        int done = gotoCounts.getOrDefault(step, 0);
        if (done >= max) {
            return null;
        }
        gotoCounts.put(step, done + 1);
        if (++jumps > MAX_JUMPS) {
            return new Step.Refuse(500, "More than " + MAX_JUMPS + " goto or transfer jumps in one call");
        }
        return jumpToLabel(label) ? null : invalid("SWML goto names an unknown label " + SwmlDocument.safe(label));
    }

    /** Moves to the step after {@code label}, looking in the innermost list first. */
    private boolean jumpToLabel(String label) {
        for (Frame frame : frames) {
            for (int i = 0; i < frame.steps.size(); i++) {
                JsonNode step = frame.steps.get(i);
                if (step.isObject() && step.size() == 1 && step.get("label") != null
                        && label.equals(step.get("label").asText())) {
                    while (frames.peek() != frame) {
                        frames.pop();
                    }
                    frame.next = i + 1;
                    return true;
                }
            }
        }
        return false;
    }

    private Step switchOn(JsonNode params) {
        if (params == null || !params.isObject() || vars.text(params.get("variable")) == null) {
            return invalid("SWML switch needs a variable");
        }
        String variable = params.get("variable").asText();
        String value = variable.contains("{") ? vars.substitute(variable) : vars.lookup(variable);
        JsonNode cases = params.get("case");
        JsonNode chosen = cases != null && cases.isObject() && cases.has(value) ? cases.get(value) : params.get("default");
        if (chosen == null) {
            return null;
        }
        if (!chosen.isArray()) {
            return invalid("SWML switch cases must be lists of steps");
        }
        frames.push(new Frame((ArrayNode) chosen));
        return null;
    }

    private Step transfer(JsonNode params) {
        String dest = params != null && params.isObject() ? vars.text(params.get("dest")) : vars.text(params);
        if (dest == null || dest.isBlank()) {
            return invalid("SWML transfer needs a dest");
        }
        ArrayNode section = document.sections().get(dest);
        if (section != null) {
            if (++jumps > MAX_JUMPS) {
                return new Step.Refuse(500, "More than " + MAX_JUMPS + " goto or transfer jumps in one call");
            }
            frames.clear();
            frames.push(new Frame(section));
            return null;
        }
        String lower = dest.strip().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return invalid("SWML transfer dest is neither a section nor an http(s) URL");
        }
        if (++transferFetches > MAX_TRANSFER_FETCHES) {
            return new Step.Refuse(500, "More than " + MAX_TRANSFER_FETCHES + " transfers to URLs in one call");
        }
        return DocumentFetches.resolve(documentUrl(), dest)
                .<Step>map(url -> fetches.fetch(url, "POST", Map.of()).withVars(vars.assigned()))
                .orElseGet(() -> invalid("SWML transfer dest is not a valid URL"));
    }

    private Step hangup(JsonNode params) {
        String reason = params != null && params.isObject() ? vars.text(params.get("reason")) : null;
        return switch (reason == null ? "hangup" : reason.strip()) {
            case "busy" -> new Step.Refuse(486, "Rejected by document (busy)");
            case "decline" -> new Step.Refuse(603, "Rejected by document (decline)");
            default -> new Step.Refuse(603, "Hung up by document");
        };
    }

    private Step connect(JsonNode params) {
        try {
            connect = SwmlConnect.parse(params, vars);
        } catch (UnusableDocument e) {
            return unusable(e);
        }
        connectGroup = 0;
        return connect.dial(0);
    }

    private Step media(String method, JsonNode params) {
        try {
            return switch (method) {
                case "play" -> {
                    pendingPrompt = null;
                    yield SwmlPlayback.play(params, vars);
                }
                case "prompt" -> {
                    Step.Play play = SwmlPlayback.prompt(params, vars);
                    pendingPrompt = play.collect();
                    yield play;
                }
                default -> SwmlRecord.parse(params, vars);
            };
        } catch (UnsupportedFeature e) {
            return new Step.Refuse(501, e.getMessage());
        } catch (UnusableDocument e) {
            return unusable(e);
        }
    }

    /** The document cannot be carried out: the fallback document, or 500. */
    private Step invalid(String why) {
        return unusable(new UnusableDocument(why));
    }
}
