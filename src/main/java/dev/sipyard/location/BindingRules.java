package dev.sipyard.location;

import dev.sipyard.common.Ids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** RFC 3261 §10.3 steps 6-8 over one endpoint's live bindings: a pure function, no I/O. */
final class BindingRules {
    private BindingRules() {}

    /**
     * The bindings after the update, or null when it is out of order (same Call-ID, CSeq not higher).
     * {@code node} is the node the update came through; it is recorded with every contact it touches.
     */
    static List<Binding> apply(List<Binding> current, BindingUpdate u, long now, int maxContacts, String node) {
        if (u.wildcard()) {
            for (Binding b : current) {
                if (outOfOrder(b, u)) {
                    return null;
                }
            }
            return List.of();
        }
        List<Binding> next = new ArrayList<>(current);
        for (BindingUpdate.Change c : u.contacts()) {
            Binding existing = find(next, c.uri());
            if (existing != null) {
                if (outOfOrder(existing, u)) {
                    return null;
                }
                next.remove(existing);
                if (c.expiresSeconds() > 0) {
                    next.add(existing.refreshed(u, now, c.expiresSeconds(), node));
                }
            } else if (c.expiresSeconds() > 0) {
                next.add(new Binding(Ids.newId(), u.endpointId(), u.projectId(), c.uri(), u.callId(), u.cseq(),
                        u.transport(), u.sourceAddress(), u.sourcePort(), u.userAgent(), u.credentialVersion(), now,
                        now + c.expiresSeconds() * 1000L, node));
            }
        }
        next.sort(Comparator.comparingLong(Binding::registeredAt).thenComparing(Binding::id));
        while (next.size() > maxContacts) {
            next.remove(0); // the least recently registered contact gives way
        }
        return next;
    }

    private static boolean outOfOrder(Binding b, BindingUpdate u) {
        return b.callId().equals(u.callId()) && u.cseq() <= b.cseq();
    }

    private static Binding find(List<Binding> list, String uri) {
        for (Binding b : list) {
            if (b.contactUri().equals(uri)) {
                return b;
            }
        }
        return null;
    }
}
