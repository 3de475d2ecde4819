package dev.sipyard.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Registrations and the brute-force guard: REGISTER attempts by result, digest failures by reason
 * and bans decided. Every counter is registered here, up front, and kept in an array, so that
 * counting costs one array read and one atomic add (the lean UDP REGISTER path counts through it).
 */
public final class SipAuthMeters {
    private final Counter[] registrations;
    private final Counter[] digestFailures;
    private final Counter bansDecided;

    public SipAuthMeters(MeterRegistry registry) {
        RegistrationResult[] results = RegistrationResult.values();
        registrations = new Counter[results.length];
        for (RegistrationResult r : results) {
            registrations[r.ordinal()] = Counter.builder("sipyard.sip.registrations")
                    .description("REGISTER requests answered, by result")
                    .tag("result", r.label()).register(registry);
        }
        DigestFailure[] reasons = DigestFailure.values();
        digestFailures = new Counter[reasons.length];
        for (DigestFailure f : reasons) {
            digestFailures[f.ordinal()] = Counter.builder("sipyard.sip.digest.failures")
                    .description("Failed digest authentications of any SIP request, by reason")
                    .tag("reason", f.label()).register(registry);
        }
        bansDecided = Counter.builder("sipyard.sip.bans.decided")
                .description("Source addresses banned by the brute-force guard on this node").register(registry);
    }

    /** Meters that count into a registry nobody reads (for parts built without a server). */
    public static SipAuthMeters unread() {
        return new SipAuthMeters(new SimpleMeterRegistry());
    }

    /** A REGISTER was answered with {@code status}. */
    public void registration(int status) {
        registrations[RegistrationResult.of(status).ordinal()].increment();
    }

    /** A digest authentication failed. */
    public void digestFailure(DigestFailure why) {
        digestFailures[why.ordinal()].increment();
    }

    /** The guard banned an address. */
    public void banned() {
        bansDecided.increment();
    }
}
