package dev.sipyard.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request body as plain Java values (String, Number, Boolean, List, Map, null) with the
 * violations found while reading it. Readers record a problem and carry on, so one response
 * can list every problem at once.
 */
public final class Input {
    private final Map<String, Object> fields;
    private final List<Violation> violations = new ArrayList<>();

    public Input(Map<String, Object> fields, Set<String> allowed) {
        this.fields = new LinkedHashMap<>(fields);
        for (String name : fields.keySet()) {
            if (!allowed.contains(name)) {
                fail(Violation.UNKNOWN, name, "Unknown parameter '" + name + "'.");
            }
        }
        this.fields.keySet().retainAll(allowed);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public boolean isNull(String name) {
        return fields.containsKey(name) && fields.get(name) == null;
    }

    public Set<String> names() {
        return fields.keySet();
    }

    /** The field as a string; null if absent, null, or of another type (which is recorded as a violation). */
    public String string(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        fail(Violation.INVALID, name, name + " must be a string.");
        return null;
    }

    /**
     * A list of strings given as a JSON array of strings or as one comma-separated string;
     * null if absent, null, or malformed (recorded).
     */
    public List<String> stringList(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            if (s.isBlank()) {
                return List.of();
            }
            return Arrays.stream(s.split(",")).map(String::trim).toList();
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    fail(Violation.INVALID, name, name + " must be an array of strings.");
                    return null;
                }
                out.add(s.trim());
            }
            return out;
        }
        fail(Violation.INVALID, name, name + " must be an array of strings or a comma-separated string.");
        return null;
    }

    public void fail(String code, String attribute, String message) {
        violations.add(new Violation(code, attribute, message));
    }

    public boolean hasViolation(String attribute) {
        return violations.stream().anyMatch(v -> attribute.equals(v.attribute()));
    }

    public List<Violation> violations() {
        return violations;
    }

    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }
}
