package dev.sipyard.common;

import java.util.List;

/** Thrown by the domain when a request breaks one or more rules; carries every problem found. */
public final class ValidationException extends RuntimeException {
    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid" : violations.get(0).message(), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public ValidationException(Violation violation) {
        this(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }
}
