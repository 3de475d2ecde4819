package dev.sipyard.sip.registrar;

import dev.sipyard.config.SipSettings;
import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.location.BindingUpdate;
import dev.sipyard.location.LocationService;
import dev.sipyard.metrics.SipAuthMeters;
import dev.sipyard.sip.auth.AuthRequest;
import dev.sipyard.sip.auth.DigestVerifier;
import dev.sipyard.sip.guard.BruteForceGuard;
import dev.sipyard.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar of SIP.md: finds the project and endpoint of a REGISTER, has its digest
 * credentials checked (challenging when there are none), applies the binding rules and answers
 * with the bindings. Knows no SIP stack: requests and replies are plain records.
 */
public final class Registrar {
    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    private static final long DEFAULT_EXPIRES = 3600;

    private final SipDirectory directory;
    private final LocationService locations;
    private final DigestVerifier verifier;
    private final BruteForceGuard guard;
    private final SipSettings settings;
    private final SipAuthMeters meters;
    private final AtomicInteger storing = new AtomicInteger();

    public Registrar(SipDirectory directory, LocationService locations, DigestVerifier verifier,
                     BruteForceGuard guard, SipSettings settings, SipAuthMeters meters) {
        this.meters = meters;
        this.directory = directory;
        this.locations = locations;
        this.verifier = verifier;
        this.guard = guard;
        this.settings = settings;
    }

    /**
     * The answer to {@code r}. While the database is unreachable a REGISTER that has to read or
     * store something there is answered 503 with Retry-After: a 200 always means the binding is
     * stored.
     */
    public CompletableFuture<RegisterReply> register(RegisterRequest r) {
        try {
            return answer(r);
        } catch (RuntimeException e) {
            if (Database.isUnavailable(e)) {
                return done(RegisterReply.unavailable());
            }
            throw e;
        }
    }

    private CompletableFuture<RegisterReply> answer(RegisterRequest r) {
        if (guard.isBanned(r.sourceAddress())) {
            return done(RegisterReply.of(403, "Forbidden"));
        }
        if (r.toHost() == null || r.callId() == null) {
            return done(RegisterReply.of(400, "Bad Request"));
        }
        Optional<SipDirectory.Target> target = directory.resolve(r.toHost(), r.toUser());
        if (target.isEmpty()) {
            return done(RegisterReply.of(404, "Not Found"));
        }
        AuthRequest auth = new AuthRequest("REGISTER", r.requestUri(), r.toUser(), "To", r.sourceAddress(),
                r.sourcePort(), r.localAddress(), r.localPort(), r.authorizations(), r.userAgent());
        return switch (verifier.verifyWithCachedCredential(auth, target.get())) {
            case DigestVerifier.Verdict.Challenge c -> done(RegisterReply.challenge(c));
            case DigestVerifier.Verdict.Refused refused -> done(RegisterReply.of(refused.status(), refused.reason()));
            case DigestVerifier.Verdict.Authenticated ok -> bind(r, ok.credential());
        };
    }

    private CompletableFuture<RegisterReply> bind(RegisterRequest r, SipDirectory.Credential cred) {
        List<BindingUpdate.Change> changes = new ArrayList<>();
        if (r.wildcard()) {
            if (!r.contacts().isEmpty() || r.expires() == null || r.expires() != 0) {
                return done(RegisterReply.of(400, "Bad Request (Contact: * needs Expires: 0 and no other Contact)"));
            }
        } else {
            for (ContactSpec c : r.contacts()) {
                long asked = c.expires() != null ? c.expires() : r.expires() != null ? r.expires() : DEFAULT_EXPIRES;
                if (asked < 0) {
                    asked = DEFAULT_EXPIRES;
                }
                if (asked > 0 && asked < settings.minExpires()) {
                    return done(new RegisterReply(423, "Interval Too Brief", null, settings.minExpires(),
                            List.of(), 0));
                }
                changes.add(new BindingUpdate.Change(c.uri(), (int) Math.min(asked, settings.maxExpires())));
            }
        }
        String ua = r.userAgent() == null ? null
                : r.userAgent().length() > 200 ? r.userAgent().substring(0, 200) : r.userAgent();
        BindingUpdate u = new BindingUpdate(cred.endpointId(), cred.projectId(), cred.version(), r.callId(), r.cseq(),
                r.wildcard(), changes, r.transport(), r.sourceAddress(), r.sourcePort(), ua);
        storing.incrementAndGet();
        CompletableFuture<LocationService.Outcome> stored;
        try {
            stored = locations.update(u);
        } catch (RuntimeException e) {
            storing.decrementAndGet();
            throw e;
        }
        return stored.handle((outcome, error) -> {
            storing.decrementAndGet();
            if (error != null && Database.isUnavailable(error)) {
                return counted(RegisterReply.unavailable());
            }
            if (error != null) {
                log.warn("could not store the registration of endpoint {}: {}", cred.endpointId(), error.toString());
                return counted(RegisterReply.of(500, "Server Internal Error"));
            }
            return counted(switch (outcome) {
                case LocationService.Outcome.Ok ok -> RegisterReply.ok(ok.bindings(), ok.now());
                case LocationService.Outcome.OutOfOrder o -> RegisterReply.of(400, "Bad Request (CSeq out of order)");
                case LocationService.Outcome.Gone g -> {
                    directory.forgetCredential(cred.projectId(), cred.username()); // deleted or password changed
                    yield RegisterReply.of(403, "Forbidden");
                }
            });
        });
    }

    /** Registrations accepted and not yet stored (answered once they are): what a draining node waits for. */
    public int storing() {
        return storing.get();
    }

    private CompletableFuture<RegisterReply> done(RegisterReply reply) {
        return CompletableFuture.completedFuture(counted(reply));
    }

    private RegisterReply counted(RegisterReply reply) {
        meters.registration(reply.status());
        return reply;
    }
}
