package dev.sipyard.api;

/** An HTTP error decided before reaching the domain (bad body, auth, size, media type). */
final class ApiError extends RuntimeException {
    final int status;
    final Object body;

    ApiError(int status, Object body) {
        super(null, null, false, false);
        this.status = status;
        this.body = body;
    }
}
