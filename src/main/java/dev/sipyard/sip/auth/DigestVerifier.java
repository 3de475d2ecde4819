package dev.sipyard.sip.auth;

import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.metrics.DigestFailure;
import dev.sipyard.metrics.SipAuthMeters;
import dev.sipyard.sip.digest.DigestAlgorithm;
import dev.sipyard.sip.digest.DigestCredentials;
import dev.sipyard.sip.digest.NonceCounts;
import dev.sipyard.sip.digest.Nonces;
import dev.sipyard.sip.guard.BruteForceGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Digest authentication of any SIP request (RFC 3261 §22, RFC 7616): REGISTER answers with
 * 401/WWW-Authenticate, INVITE and other out-of-dialog requests with 407/Proxy-Authenticate; both
 * use the same nonces, the same replay check and the same brute-force guard, so a wrong password
 * on an INVITE counts toward a ban exactly as one on a REGISTER does.
 */
public final class DigestVerifier {
    private static final Logger log = LoggerFactory.getLogger(DigestVerifier.class);

    /** The outcome of checking a request's credentials. */
    public sealed interface Verdict {
        /** The credentials are right: the request is from this endpoint. */
        record Authenticated(SipDirectory.Credential credential) implements Verdict {}

        /**
         * No usable credentials (or a stale nonce): challenge with these header values, all with
         * {@code nonce}. Two challenges of one {@code kind} differ only in their nonce.
         */
        record Challenge(List<String> headerValues, String nonce, Kind kind) implements Verdict {
            /** What besides the nonce tells one challenge text from another. */
            public record Kind(String realm, List<DigestAlgorithm> algorithms, boolean stale) {}
        }

        /** Refused outright. */
        record Refused(int status, String reason) implements Verdict {}
    }

    private final SipDirectory directory;
    private final Nonces nonces;
    private final NonceCounts nonceCounts;
    private final BruteForceGuard guard;
    private final List<DigestAlgorithm> offered;
    private final SipAuthMeters meters;

    public DigestVerifier(SipDirectory directory, Nonces nonces, NonceCounts nonceCounts, BruteForceGuard guard,
                          List<String> algorithms, SipAuthMeters meters) {
        this.meters = meters;
        this.directory = directory;
        this.nonces = nonces;
        this.nonceCounts = nonceCounts;
        this.guard = guard;
        this.offered = algorithms.stream().map(a -> DigestAlgorithm.fromWire(a).orElseThrow()).toList();
    }

    /**
     * Checks the credentials of {@code r} for the endpoint {@code r.user()} of the project
     * {@code target}. {@code authorizations} are the values of Authorization (REGISTER) or
     * Proxy-Authorization (others) headers.
     */
    public Verdict verify(AuthRequest r, SipDirectory.Target target) {
        return verify(r, target, directory::credential, false);
    }

    /** Reads an endpoint's credential from the database: {@code (projectId, username)}. */
    @FunctionalInterface
    public interface CredentialReader {
        Optional<SipDirectory.Credential> read(String projectId, String username);
    }

    /**
     * As {@link #verify}, with the credential read by {@code reader}, which must read the database
     * as {@link SipDirectory#credential} does; the proxy's reads the caller's policy in the same
     * query. Called at most once per verification, and only once the digest is complete.
     */
    public Verdict verify(AuthRequest r, SipDirectory.Target target, CredentialReader reader) {
        return verify(r, target, reader, false);
    }

    /**
     * As {@link #verify}, with the endpoint's credential taken from the directory's per-node cache
     * ({@link SipDirectory#cachedCredential}); a digest that does not match the cached one is
     * checked once more against the database. Only for the registrar, whose location writer
     * refuses a binding whose credential version changed since.
     */
    public Verdict verifyWithCachedCredential(AuthRequest r, SipDirectory.Target target) {
        return verify(r, target, directory::cachedCredential, true);
    }

    private Verdict verify(AuthRequest r, SipDirectory.Target target, CredentialReader reader, boolean cached) {
        String realm = target.realm();
        String projectId = target.projectId();
        String header = null;
        for (String a : r.authorizations()) {
            if (realm.equals(DigestCredentials.realmOf(a))) {
                header = a;
                break;
            }
        }
        if (header == null) {
            return challenge(realm, false, r.userAgent());
        }
        Optional<DigestCredentials> parsed = DigestCredentials.parse(header);
        if (parsed.isEmpty() || !parsed.get().complete()) {
            return new Verdict.Refused(400, "Bad Request (incomplete credentials)");
        }
        DigestCredentials d = parsed.get();
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromWire(d.algorithm());
        if (algorithm.isEmpty() || !offered.contains(algorithm.get()) || !"auth".equalsIgnoreCase(d.qop())
                || !nonces.opaque().equals(d.opaque())) {
            return challenge(realm, false, r.userAgent());
        }
        String userKey = projectId + ":" + (r.user() == null ? "" : r.user().toLowerCase(Locale.ROOT));
        Nonces.Check nonceCheck = nonces.check(d.nonce(), realm);
        if (nonceCheck == Nonces.Check.FORGED) {
            fail(r, userKey, projectId, DigestFailure.FORGED_NONCE, "nonce not issued by this server");
            return challenge(realm, false, r.userAgent());
        }
        if (!DigestUris.namesTarget(d.uri(), r.requestUri(), r.localAddress(), r.localPort())) {
            return new Verdict.Refused(400, "Bad Request (digest uri does not match the request)");
        }
        if (r.user() == null || !d.username().equalsIgnoreCase(r.user())) {
            fail(r, userKey, projectId, DigestFailure.USER_MISMATCH, "authentication user differs from the " + r.userHeader() + " user");
            return new Verdict.Refused(403, "Forbidden");
        }
        Optional<SipDirectory.Credential> cred = reader.read(projectId, r.user());
        boolean matches = cred.isPresent() && matches(cred.get(), algorithm.get(), r.method(), d);
        if (cached && !matches) {
            // the cache may hold a password changed since (on another node): ask the database once
            directory.forgetCredential(projectId, r.user());
            cred = directory.credential(projectId, r.user());
            matches = cred.isPresent() && matches(cred.get(), algorithm.get(), r.method(), d);
        }
        if (cred.isEmpty()) {
            fail(r, userKey, projectId, DigestFailure.UNKNOWN_USER, "unknown user");
            return new Verdict.Refused(403, "Forbidden");
        }
        if (!matches) {
            fail(r, userKey, projectId, DigestFailure.WRONG_PASSWORD, "wrong password");
            return new Verdict.Refused(403, "Forbidden");
        }
        if (nonceCheck == Nonces.Check.STALE) {
            return challenge(realm, true, r.userAgent());
        }
        return switch (nonceCounts.accept(d.nonce(), d.nc())) {
            case REPLAYED -> {
                fail(r, userKey, projectId, DigestFailure.REPLAYED_NONCE, "replayed nonce count");
                yield challenge(realm, false, r.userAgent());
            }
            case FORGOTTEN -> challenge(realm, true, r.userAgent());
            default -> new Verdict.Authenticated(cred.get());
        };
    }

    private static boolean matches(SipDirectory.Credential cred, DigestAlgorithm algorithm, String method,
                                   DigestCredentials d) {
        String ha1 = switch (algorithm) {
            case MD5 -> cred.ha1Md5();
            case SHA_256 -> cred.ha1Sha256();
            case SHA_512_256 -> cred.ha1Sha512256();
        };
        String expected = algorithm.response(ha1, method, d.uri(), d.nonce(), d.nc(), d.cnonce(), d.qop());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                d.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private void fail(AuthRequest r, String userKey, String projectId, DigestFailure reason, String why) {
        meters.digestFailure(reason);
        log.info("SIP authentication of {} failed for {} from {}:{} ({})", r.method(), r.user(), r.sourceAddress(),
                r.sourcePort(), why);
        guard.failure(r.sourceAddress(), userKey, r.user(), projectId);
    }

    private Verdict challenge(String realm, boolean stale, String userAgent) {
        String nonce = nonces.issue(realm);
        List<DigestAlgorithm> algorithms = LegacyDigestClients.offerTo(userAgent, offered);
        List<String> values = new ArrayList<>(3);
        for (DigestAlgorithm a : algorithms) {
            values.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", opaque=\"" + nonces.opaque()
                    + "\", algorithm=" + a.wireName() + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return new Verdict.Challenge(values, nonce, new Verdict.Challenge.Kind(realm, algorithms, stale));
    }
}
