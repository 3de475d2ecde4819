package dev.sipyard.routing;

/** How a Dial ended, as cXML's {@code DialCallStatus} names it. */
public enum DialStatus {
    COMPLETED("completed"),
    BUSY("busy"),
    NO_ANSWER("no-answer"),
    FAILED("failed"),
    CANCELED("canceled");

    private final String wireName;

    DialStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code DialCallStatus} value. */
    public String wireName() {
        return wireName;
    }

    /**
     * CALLS.md: caller CANCEL → canceled; ring timeout → no-answer; 2xx → completed; 486/600 → busy;
     * 408/480 → no-answer; anything else (including no response at all) → failed.
     */
    public static DialStatus fromSip(Integer code, boolean ringTimeout, boolean callerCanceled) {
        if (callerCanceled) {
            return CANCELED;
        }
        if (ringTimeout) {
            return NO_ANSWER;
        }
        if (code == null) {
            return FAILED;
        }
        if (code >= 200 && code < 300) {
            return COMPLETED;
        }
        return switch (code) {
            case 486, 600 -> BUSY;
            case 408, 480 -> NO_ANSWER;
            default -> FAILED;
        };
    }
}
