package dev.sipyard.metrics;

/** Why a digest authentication failed (each one counts toward a ban): the {@code reason} label. */
public enum DigestFailure {
    WRONG_PASSWORD("wrong_password"),
    UNKNOWN_USER("unknown_user"),
    USER_MISMATCH("user_mismatch"),
    FORGED_NONCE("forged_nonce"),
    REPLAYED_NONCE("replayed_nonce");

    private final String label;

    DigestFailure(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
