package dev.sipyard.sip.registrar;

import dev.sipyard.location.Binding;
import dev.sipyard.sip.auth.DigestVerifier;
import java.util.List;

/**
 * What to answer a REGISTER: status and reason, the digest challenge of a 401 (null otherwise),
 * Min-Expires for a 423, Retry-After for a 503, and for a 200 every current binding with its
 * remaining expiry.
 */
public record RegisterReply(int status, String reason, DigestVerifier.Verdict.Challenge challenge,
                            Integer minExpires, List<Binding> bindings, long now) {
    /** Seconds a phone is asked to wait before it tries again when the database is unreachable. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** The database is unreachable: nothing was stored, try again later (never a 200 that is not stored). */
    static RegisterReply unavailable() {
        return of(503, "Service Unavailable");
    }

    /** The Retry-After of this reply: every 503 of the registrar carries one; null for any other status. */
    public Integer retryAfter() {
        return status == 503 ? RETRY_AFTER_SECONDS : null;
    }

    /** The WWW-Authenticate values, one per algorithm offered; none unless a 401. */
    public List<String> challenges() {
        return challenge == null ? List.of() : challenge.headerValues();
    }

    static RegisterReply of(int status, String reason) {
        return new RegisterReply(status, reason, null, null, List.of(), 0);
    }

    public static RegisterReply challenge(DigestVerifier.Verdict.Challenge challenge) {
        return new RegisterReply(401, "Unauthorized", challenge, null, List.of(), 0);
    }

    public static RegisterReply ok(List<Binding> bindings, long now) {
        return new RegisterReply(200, "OK", null, null, bindings, now);
    }

    /** Seconds left of a binding, rounded up, as the 200 OK reports it. */
    public long remainingSeconds(Binding b) {
        return Math.max(0, (b.expiresAt() - now + 999) / 1000);
    }
}
