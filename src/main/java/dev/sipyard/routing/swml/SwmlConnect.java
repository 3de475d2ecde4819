package dev.sipyard.routing.swml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.routing.DialTarget;
import dev.sipyard.routing.DialledTarget;
import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnusableDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed {@code connect}: groups tried one after another, each rung in parallel. {@code to} is one
 * group of one, {@code parallel} one group of many, {@code serial} many groups of one and
 * {@code serial_parallel} many groups of many.
 */
record SwmlConnect(List<List<DialTarget>> groups, int timeoutSeconds, String callerId, Integer timeLimitSeconds) {
    static final int DEFAULT_TIMEOUT = 30;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static SwmlConnect parse(JsonNode params, SwmlVariables vars) throws UnusableDocument {
        if (params == null || !params.isObject()) {
            throw new UnusableDocument("SWML connect needs an object with to, parallel or serial");
        }
        List<List<DialTarget>> groups = new ArrayList<>();
        if (params.has("to")) {
            groups.add(List.of(target(params.get("to"), vars)));
        } else if (params.has("parallel")) {
            groups.add(targets(params.get("parallel"), vars));
        } else if (params.has("serial")) {
            for (DialTarget t : targets(params.get("serial"), vars)) {
                groups.add(List.of(t));
            }
        } else if (params.get("serial_parallel") instanceof JsonNode list && list.isArray() && !list.isEmpty()) {
            for (JsonNode group : list) {
                groups.add(targets(group, vars));
            }
        }
        if (groups.isEmpty()) {
            throw new UnusableDocument("SWML connect names nobody to call");
        }
        String from = vars.text(params.get("from"));
        Integer maxDuration = DocumentFetches.parseInt(vars.text(params.get("max_duration")));
        return new SwmlConnect(List.copyOf(groups),
                DocumentFetches.boundedInt(vars.text(params.get("timeout")), DEFAULT_TIMEOUT, 5, 600),
                from == null || from.isBlank() ? null : from.strip(),
                maxDuration == null || maxDuration <= 0 ? null : Math.min(maxDuration, 86_400));
    }

    /** The Dial for group {@code index}. */
    Step.Dial dial(int index) {
        List<DialTarget> group = groups.get(index);
        return new Step.Dial(group, group.size() > 1, timeoutSeconds, callerId, timeLimitSeconds);
    }

    private static List<DialTarget> targets(JsonNode list, SwmlVariables vars) throws UnusableDocument {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new UnusableDocument("SWML connect lists nobody to call");
        }
        List<DialTarget> targets = new ArrayList<>();
        for (JsonNode item : list) {
            targets.add(target(item.isObject() ? item.get("to") : item, vars));
        }
        return List.copyOf(targets);
    }

    /** {@code sip:}/{@code sips:} URIs, phone numbers, or a bare endpoint username. */
    private static DialTarget target(JsonNode to, SwmlVariables vars) throws UnusableDocument {
        String text = vars.text(to);
        String value = text == null ? "" : text.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("sip:") || lower.startsWith("sips:"))
                && value.length() <= 1024 && value.chars().noneMatch(c -> c <= 0x20 || c == 0x7f)) {
            return new DialTarget.Sip(value);
        }
        var number = DialledTarget.pstnNumber(value);
        if (number.isPresent()) {
            return new DialTarget.Number(number.get());
        }
        if (USERNAME.matcher(value).matches()) {
            return new DialTarget.Endpoint(value);
        }
        throw new UnusableDocument("SWML connect target is neither a SIP URI, a number nor an endpoint name");
    }
}
