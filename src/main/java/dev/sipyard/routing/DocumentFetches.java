package dev.sipyard.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fetch rules both interpreters share: methods, relative URLs, and the one-time fallback when a
 * document cannot be fetched or used (CALLS.md: the fallback URL gets {@code ErrorCode} and
 * {@code ErrorUrl}; when that fails too, the caller gets {@code 500}).
 */
public final class DocumentFetches {
    /** Twilio's code for a document that could not be retrieved over HTTP. */
    public static final String HTTP_RETRIEVAL_FAILURE = "11200";
    /** Twilio's code for a document that could not be parsed or used. */
    public static final String DOCUMENT_PARSE_FAILURE = "12100";

    private final DocumentSource source;
    private final Format format;
    private boolean fallbackUsed;

    public DocumentFetches(DocumentSource source, Format format) {
        this.source = source;
        this.format = format;
    }

    /** The first fetch: the source's primary URL with its method. */
    public Step primary() {
        if (source.url() == null || source.url().isBlank()) {
            return failed(null, HTTP_RETRIEVAL_FAILURE, "no document URL configured");
        }
        return fetch(source.url(), source.method(), Map.of());
    }

    /** A fetch of {@code url} with {@code method} (GET or POST, anything else: POST). */
    public Step.Fetch fetch(String url, String method, Map<String, String> extraParams) {
        return new Step.Fetch(url, method(method), format, extraParams);
    }

    /**
     * After the document at {@code failedUrl} could not be fetched or used: the fallback fetch when
     * there is one not tried yet, else a 500 whose reason names the failure (never the URL, which may
     * carry credentials).
     */
    public Step failed(String failedUrl, String errorCode, String failure) {
        String fallback = source.fallbackUrl();
        if (!fallbackUsed && fallback != null && !fallback.isBlank()) {
            fallbackUsed = true;
            Map<String, String> params = new LinkedHashMap<>();
            params.put("ErrorCode", errorCode);
            params.put("ErrorUrl", failedUrl == null ? "" : failedUrl);
            return fetch(fallback, source.fallbackMethod(), params);
        }
        return new Step.Refuse(500, "Document fetch failed: " + failure);
    }

    /** A short description of a failed fetch for a Reason. */
    public static String describe(Outcome.FetchFailed failure) {
        String error = failure.error() == null || failure.error().isBlank() ? null : failure.error().strip();
        if (failure.httpStatus() > 0) {
            return "HTTP " + failure.httpStatus() + (error == null ? "" : " (" + error + ")");
        }
        return error == null ? "no response" : error;
    }

    /** {@code GET} or {@code POST}, case-insensitive; anything else or null is {@code POST}. */
    public static String method(String method) {
        return method != null && method.strip().equalsIgnoreCase("GET") ? "GET" : "POST";
    }

    /** {@code ref} resolved against {@code base} when the result is an absolute http(s) URL with a host. */
    public static Optional<String> resolve(String base, String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        try {
            URI target = new URI(ref.strip());
            if (!target.isAbsolute() && base != null) {
                target = new URI(base).resolve(target);
            }
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            return http && target.getHost() != null ? Optional.of(target.toString()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code text} as an int clamped to {@code min..max}; absent or not a whole number: {@code otherwise}. */
    public static int boundedInt(String text, int otherwise, int min, int max) {
        Integer parsed = parseInt(text);
        return parsed == null ? otherwise : Math.max(min, Math.min(max, parsed));
    }

    /** {@code text} as an int, or null when absent or not a whole number (huge numbers saturate). */
    public static Integer parseInt(String text) {
        if (text == null || !text.strip().matches("[+-]?[0-9]{1,18}")) {
            return null;
        }
        long value = Long.parseLong(text.strip());
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
