package dev.sipyard.routing.swml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of one SWML run: the call's ({@code call.from}, ...) and those the document sets,
 * and {@code ${name}} / {@code %{name}} substitution. Set variables are found as {@code name} or
 * {@code vars.name}; an unknown name becomes the empty string (expressions are not evaluated).
 */
final class SwmlVariables {
    private static final Pattern REFERENCE = Pattern.compile("[$%]\\{([^{}]*)}");

    private final Map<String, String> call;
    private final Map<String, String> set = new HashMap<>();

    SwmlVariables(Map<String, String> call) {
        this.call = Map.copyOf(call);
    }

    void set(String name, String value) {
        set.put(name, value);
    }

    /** The variables the document set (not the call's), in no particular order. */
    Map<String, String> assigned() {
        return Map.copyOf(set);
    }

    void unset(String name) {
        set.remove(name);
    }

    /** The value of {@code name}, or "" when it has none. */
    String lookup(String name) {
        String key = name.strip();
        if (set.containsKey(key)) {
            return set.get(key);
        }
        if (key.startsWith("vars.") && set.containsKey(key.substring(5))) {
            return set.get(key.substring(5));
        }
        return call.getOrDefault(key, "");
    }

    /** {@code text} with every reference replaced by its value (values are not substituted again). */
    String substitute(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lookup(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A scalar parameter as substituted text; null when absent, null or not a scalar. */
    String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return substitute(node.asText());
    }
}
