package dev.sipyard.routing.cxml;

import dev.sipyard.routing.DocumentFetches;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnusableDocument;
import org.w3c.dom.Element;

/**
 * A parsed {@code <Record>}. {@code maxLength} defaults to {@link #MAX_LENGTH} seconds, which is also
 * its bound (SignalWire: 0 means 3600); {@code timeout} (seconds of silence that end it) defaults to 5,
 * 0 meaning silence never ends it; {@code finishOnKey} defaults to every key, empty meaning none;
 * {@code playBeep} defaults to true. {@code transcribe}, {@code trim}, {@code storageUrl} and unknown
 * attributes are ignored.
 *
 * @param actionUrl the absolute {@code action} URL, or null: the current document is requested again
 */
record CxmlRecord(Step.Record step, String actionUrl, String actionMethod) {
    static final int MAX_LENGTH = 3600;
    static final int DEFAULT_SILENCE_TIMEOUT = 5;
    static final String ALL_KEYS = "1234567890*#";

    static CxmlRecord parse(Element record, String documentUrl) throws UnusableDocument {
        int maxLength = DocumentFetches.boundedInt(CxmlAttributes.text(record, "maxLength"), MAX_LENGTH, 0, MAX_LENGTH);
        Step.Record step = new Step.Record(maxLength == 0 ? MAX_LENGTH : maxLength,
                DocumentFetches.boundedInt(CxmlAttributes.text(record, "timeout"), DEFAULT_SILENCE_TIMEOUT, 0, MAX_LENGTH),
                CxmlAttributes.keys(record, "finishOnKey", ALL_KEYS),
                CxmlAttributes.flag(record, "playBeep", true),
                url(record, "recordingStatusCallback", documentUrl),
                DocumentFetches.method(CxmlAttributes.text(record, "recordingStatusCallbackMethod")));
        return new CxmlRecord(step, url(record, "action", documentUrl),
                DocumentFetches.method(CxmlAttributes.text(record, "method")));
    }

    private static String url(Element record, String attribute, String documentUrl) throws UnusableDocument {
        String value = CxmlAttributes.text(record, attribute);
        if (value == null) {
            return null;
        }
        return DocumentFetches.resolve(documentUrl, value)
                .orElseThrow(() -> new UnusableDocument("<Record " + attribute + "> is not a valid URL"));
    }
}
