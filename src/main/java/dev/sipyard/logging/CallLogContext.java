package dev.sipyard.logging;

import org.slf4j.MDC;

/**
 * The {@code call_sid} of the call whose work the current thread is doing, as an MDC entry, so
 * every line logged meanwhile carries it. Open it where a call's work starts (a SIP callback, a
 * webhook's completion, an outbox delivery) in a try-with-resources: closing puts back whatever
 * the thread had before, so a pooled or virtual thread never carries one call's id into another's
 * work.
 */
public final class CallLogContext implements AutoCloseable {
    /** The MDC name, and the JSON field of every line logged inside a call's work. */
    public static final String CALL_SID = "call_sid";

    private final String previous;

    private CallLogContext(String previous) {
        this.previous = previous;
    }

    /** Marks the current thread as working for {@code callSid} (null: for no call) until {@link #close}. */
    public static CallLogContext of(String callSid) {
        String previous = MDC.get(CALL_SID);
        if (callSid == null) {
            MDC.remove(CALL_SID);
        } else {
            MDC.put(CALL_SID, callSid);
        }
        return new CallLogContext(previous);
    }

    /** {@code work}, run with {@code callSid} in the MDC of whichever thread runs it. */
    public static Runnable wrap(String callSid, Runnable work) {
        return () -> {
            try (CallLogContext ignored = of(callSid)) {
                work.run();
            }
        };
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(CALL_SID);
        } else {
            MDC.put(CALL_SID, previous);
        }
    }
}
