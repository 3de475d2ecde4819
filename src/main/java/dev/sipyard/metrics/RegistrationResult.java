package dev.sipyard.metrics;

/** What a REGISTER came to, by the status of its answer: the {@code result} label of registration attempts. */
public enum RegistrationResult {
    /** 200: the bindings were stored. */
    OK("ok"),
    /** 401: credentials asked for (the normal first answer to a phone). */
    CHALLENGE("challenge"),
    /** 403: a wrong password, a banned source or a removed endpoint. */
    DENIED("denied"),
    /** 404: no such domain or user. */
    UNKNOWN("unknown"),
    /** 423: asked for an expiry below the minimum. */
    INTERVAL_TOO_BRIEF("interval_too_brief"),
    /** Any other 4xx: malformed or out of order. */
    INVALID("invalid"),
    /** 5xx: this server failed. */
    ERROR("error");

    private final String label;

    RegistrationResult(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }

    /** The result of a REGISTER answered with {@code status}. */
    public static RegistrationResult of(int status) {
        return switch (status) {
            case 200 -> OK;
            case 401 -> CHALLENGE;
            case 403 -> DENIED;
            case 404 -> UNKNOWN;
            case 423 -> INTERVAL_TOO_BRIEF;
            default -> status >= 200 && status < 300 ? OK : status >= 500 || status < 200 ? ERROR : INVALID;
        };
    }
}
