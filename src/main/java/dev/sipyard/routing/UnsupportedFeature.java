package dev.sipyard.routing;

/**
 * A well-formed document asks for something this server cannot carry out yet: the call is refused
 * with {@code 501} and this message (which names the feature, never the document's text at length).
 */
public final class UnsupportedFeature extends Exception {
    public UnsupportedFeature(String message) {
        super(message, null, false, false);
    }
}
