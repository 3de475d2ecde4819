package dev.sipyard.routing;

/**
 * A fetched document, or a part of it, that cannot be carried out. The message says why without
 * quoting the document or its URL, so it may go into a Reason header and the call log.
 */
public final class UnusableDocument extends Exception {
    public UnusableDocument(String message) {
        super(message, null, false, false);
    }
}
