package dev.sipyard.metrics;

/** How the set-up of a call ended: the {@code result} label of calls. */
public enum CallResult {
    /** A 2xx reached the caller (from a callee, or this server's media engine). */
    ANSWERED("answered"),
    BUSY("busy"),
    NO_ANSWER("no-answer"),
    CANCELED("canceled"),
    /** Refused, unreachable or failed. */
    FAILED("failed");

    private final String label;

    CallResult(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }

    /** The result named by a call-log status ({@code completed} is an answered call); anything else is a failure. */
    public static CallResult ofCallStatus(String status) {
        return switch (status == null ? "" : status) {
            case "completed", "in-progress", "answered" -> ANSWERED;
            case "busy" -> BUSY;
            case "no-answer" -> NO_ANSWER;
            case "canceled" -> CANCELED;
            default -> FAILED;
        };
    }
}
