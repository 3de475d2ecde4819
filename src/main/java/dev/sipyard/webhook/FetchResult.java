package dev.sipyard.webhook;

/**
 * What one webhook request came to.
 *
 * @param ok          a 2xx response whose body fit the limits
 * @param httpStatus  the last HTTP status, 0 when there was no response
 * @param body        the document, null unless {@code ok}
 * @param contentType the response's Content-Type, or null
 * @param millis      how long the whole request took, redirects included
 * @param finalUrl    the URL last requested (after redirects, without the fragment)
 * @param error       one line saying why it failed, null when {@code ok}
 */
public record FetchResult(boolean ok, int httpStatus, String body, String contentType, long millis,
                          String finalUrl, String error) {

    static FetchResult failed(int httpStatus, String contentType, long millis, String finalUrl, String error) {
        return new FetchResult(false, httpStatus, null, contentType, millis, finalUrl, error);
    }
}
