package dev.sipyard.common;

/** The thing asked for does not exist, or belongs to another project (which callers must not be able to tell apart). */
public final class NotFoundException extends RuntimeException {
    public NotFoundException() {
        super("not found", null, false, false);
    }
}
