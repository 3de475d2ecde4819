package dev.sipyard.routing.cxml;

import java.util.Locale;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** Reading verb attributes leniently: a value that makes no sense means the default, never a failure. */
final class CxmlAttributes {
    private static final Pattern KEYS = Pattern.compile("[0-9*#]*");

    private CxmlAttributes() {}

    /** The attribute's value, or null when it is absent or blank. */
    static String text(Element element, String name) {
        String value = element.getAttribute(name);
        return value.isBlank() ? null : value.strip();
    }

    /** {@code true}/{@code false} in any case; absent or anything else: {@code otherwise}. */
    static boolean flag(Element element, String name, boolean otherwise) {
        String value = text(element, name);
        if (value == null) {
            return otherwise;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> otherwise;
        };
    }

    /**
     * Keys ({@code 0-9 * #}) like {@code finishOnKey}: present but empty means none; absent, or
     * holding anything but keys, means {@code otherwise}.
     */
    static String keys(Element element, String name, String otherwise) {
        if (!element.hasAttribute(name)) {
            return otherwise;
        }
        String value = element.getAttribute(name).strip();
        return KEYS.matcher(value).matches() ? dedupe(value) : otherwise;
    }

    /** An element's name for a Reason: XML names hold no control characters, but may be long. */
    static String printable(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }

    private static String dedupe(String keys) {
        return keys.chars().distinct().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
