package dev.sipyard.routing.swml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnsupportedFeature;
import dev.sipyard.routing.UnusableDocument;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SWML {@code record} (in the foreground) as a {@link Step.Record}, and the variables it sets.
 * {@code beep} defaults to false, {@code terminators} to {@code #} (empty: none),
 * {@code end_silence_timeout} to 5 s (0: silence never ends it), {@code max_length} to
 * {@link #MAX_LENGTH} seconds, which is also its bound. Only {@code format: wav} and
 * {@code direction: speak} can be done; {@code stereo}, {@code initial_timeout} and
 * {@code input_sensitivity} are accepted and not used.
 */
final class SwmlRecord {
    static final int MAX_LENGTH = 3600;
    static final int DEFAULT_END_SILENCE = 5;
    private static final Pattern KEYS = Pattern.compile("[0-9*#]*");

    private SwmlRecord() {}

    static Step.Record parse(JsonNode params, SwmlVariables vars) throws UnusableDocument, UnsupportedFeature {
        if (params != null && !params.isObject() && !params.isNull()) {
            throw new UnusableDocument("SWML record needs an object of settings");
        }
        String format = text(params, "format", vars);
        if (format != null && !format.equalsIgnoreCase("wav")) {
            throw new UnsupportedFeature("SWML record format " + SwmlDocument.safe(format)
                    + " is not supported on this server yet (wav is)");
        }
        String direction = text(params, "direction", vars);
        if (direction != null && !direction.equalsIgnoreCase("speak")) {
            throw new UnsupportedFeature("SWML record direction " + SwmlDocument.safe(direction)
                    + " is not supported on this server yet (speak is)");
        }
        double maxLength = SwmlPlayback.number(text(params, "max_length", vars), MAX_LENGTH);
        double silence = SwmlPlayback.number(text(params, "end_silence_timeout", vars), DEFAULT_END_SILENCE);
        String terminators = params == null ? null : vars.text(params.get("terminators"));
        return new Step.Record(maxLength <= 0 ? MAX_LENGTH : (int) Math.min(MAX_LENGTH, Math.ceil(maxLength)),
                (int) Math.max(0, Math.min(MAX_LENGTH, Math.ceil(silence))),
                terminators == null || !KEYS.matcher(terminators.strip()).matches() ? "#" : terminators.strip(),
                "true".equalsIgnoreCase(text(params, "beep", vars)),
                statusUrl(text(params, "status_url", vars)), "POST");
    }

    /** {@code record_url} and {@code record_result} ({@code success}, or {@code failed} when nothing was stored). */
    static void ended(Outcome.Recorded recorded, SwmlVariables vars) {
        boolean stored = recorded.recordingSid() != null;
        vars.set("record_url", stored && recorded.recordingUrl() != null ? recorded.recordingUrl() : "");
        vars.set("record_result", stored ? "success" : "failed");
    }

    private static String statusUrl(String url) throws UnusableDocument {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new UnusableDocument("SWML record status_url is not an http(s) URL");
        }
        return DocumentFetches.resolve(null, url)
                .orElseThrow(() -> new UnusableDocument("SWML record status_url is not an http(s) URL"));
    }

    /** A parameter as stripped text; null when absent or blank. */
    private static String text(JsonNode params, String name, SwmlVariables vars) {
        String value = params == null ? null : vars.text(params.get(name));
        return value == null || value.isBlank() ? null : value.strip();
    }
}
