package dev.sipyard.sip.registrar;

import dev.sipyard.location.Binding;
import java.util.List;

/**
 * What to answer a REGISTER: status and reason, the digest challenges (one WWW-Authenticate
 * each), Min-Expires for a 423, and for a 200 every current binding with its remaining expiry.
 */
public record RegisterReply(int status, String reason, List<String> challenges, Integer minExpires,
                            List<Binding> bindings, long now) {

    static RegisterReply of(int status, String reason) {
        return new RegisterReply(status, reason, List.of(), null, List.of(), 0);
    }

    static RegisterReply challenge(List<String> challenges) {
        return new RegisterReply(401, "Unauthorized", challenges, null, List.of(), 0);
    }

    static RegisterReply ok(List<Binding> bindings, long now) {
        return new RegisterReply(200, "OK", List.of(), null, bindings, now);
    }

    /** Seconds left of a binding, rounded up, as the 200 OK reports it. */
    public long remainingSeconds(Binding b) {
        return Math.max(0, (b.expiresAt() - now + 999) / 1000);
    }
}
