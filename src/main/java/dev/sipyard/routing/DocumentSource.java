package dev.sipyard.routing;

/**
 * Where a cXML or SWML document comes from and where its call's status callbacks go. Methods are
 * {@code GET} or {@code POST}; a null method means {@code POST}. Null URLs mean "none".
 */
public record DocumentSource(String url, String method, String fallbackUrl, String fallbackMethod,
        String statusCallbackUrl, String statusCallbackMethod) {

    /** A source with only a primary URL fetched with POST. */
    public static DocumentSource of(String url) {
        return new DocumentSource(url, "POST", null, null, null, null);
    }
}
