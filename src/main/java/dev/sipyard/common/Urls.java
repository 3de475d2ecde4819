package dev.sipyard.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** Rules for URLs and HTTP methods that the server will later call. */
public final class Urls {
    public static final List<String> METHODS = List.of("GET", "POST");

    private Urls() {}

    /** Records a violation unless {@code value} is an absolute http(s) URL with a host. */
    public static void checkHttpUrl(Input in, String field, String value) {
        if (value == null) {
            return;
        }
        if (!isHttpUrl(value)) {
            in.fail(Violation.INVALID_VALUE, field, field + " must be an absolute http or https URL.");
        }
    }

    public static boolean isHttpUrl(String value) {
        if (value.length() > 2048 || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The method upper-cased, or null after recording a violation. */
    public static String method(Input in, String field, String value) {
        return Enums.one(in, field, value, METHODS);
    }
}
