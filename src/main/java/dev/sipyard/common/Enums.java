package dev.sipyard.common;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads closed sets of wire values (codecs, ciphers, encryption modes) case-insensitively into their canonical spelling. */
public final class Enums {
    private Enums() {}

    public static Map<String, String> canonical(List<String> values) {
        return values.stream().collect(Collectors.toUnmodifiableMap(v -> v.toUpperCase(Locale.ROOT), Function.identity()));
    }

    /** Canonical list in the order given, or null after recording a violation for unknown or repeated entries. */
    public static List<String> list(Input in, String field, List<String> given, Map<String, String> allowed) {
        if (given == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String value : given) {
            String canon = allowed.get(value.toUpperCase(Locale.ROOT));
            if (canon == null) {
                in.fail(Violation.INVALID_VALUE, field, "'" + value + "' is not a valid value for " + field
                        + "; valid values: " + String.join(", ", allowed.values().stream().sorted().toList()) + ".");
                return null;
            }
            if (!seen.add(canon)) {
                in.fail(Violation.INVALID_VALUE, field, field + " lists '" + canon + "' more than once.");
                return null;
            }
            out.add(canon);
        }
        return out;
    }

    /** The canonical spelling of one value, or null after recording a violation. */
    public static String one(Input in, String field, String given, List<String> allowed) {
        if (given == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(given)) {
                return a;
            }
        }
        in.fail(Violation.INVALID_VALUE, field, "'" + given + "' is not a valid value for " + field
                + "; valid values: " + String.join(", ", allowed) + ".");
        return null;
    }
}
