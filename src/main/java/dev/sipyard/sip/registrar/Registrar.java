package dev.sipyard.sip.registrar;

import dev.sipyard.config.SipSettings;
import dev.sipyard.sip.digest.DigestAlgorithm;
import dev.sipyard.sip.digest.DigestCredentials;
import dev.sipyard.sip.digest.NonceCounts;
import dev.sipyard.sip.digest.Nonces;
import dev.sipyard.sip.guard.BruteForceGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar of SIP.md: finds the project and endpoint of a REGISTER, checks its digest
 * credentials (challenging when there are none), applies the binding rules and answers with
 * the bindings. Knows no SIP stack: requests and replies are plain records.
 */
public final class Registrar {
    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    private static final long DEFAULT_EXPIRES = 3600;

    private final SipDirectory directory;
    private final LocationService locations;
    private final Nonces nonces;
    private final NonceCounts nonceCounts;
    private final BruteForceGuard guard;
    private final SipSettings settings;
    private final Clock clock;
    private final List<DigestAlgorithm> offered;

    public Registrar(SipDirectory directory, LocationService locations, Nonces nonces, NonceCounts nonceCounts,
                     BruteForceGuard guard, SipSettings settings, Clock clock) {
        this.directory = directory;
        this.locations = locations;
        this.nonces = nonces;
        this.nonceCounts = nonceCounts;
        this.guard = guard;
        this.settings = settings;
        this.clock = clock;
        this.offered = settings.digestAlgorithms().stream().map(a -> DigestAlgorithm.fromWire(a).orElseThrow())
                .toList();
    }

    public CompletableFuture<RegisterReply> register(RegisterRequest r) {
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
        String realm = target.get().realm();
        String projectId = target.get().projectId();
        String header = null;
        for (String a : r.authorizations()) {
            if (realm.equals(DigestCredentials.realmOf(a))) {
                header = a;
                break;
            }
        }
        if (header == null) {
            return done(challenge(realm, false, r.userAgent()));
        }
        Optional<DigestCredentials> parsed = DigestCredentials.parse(header);
        if (parsed.isEmpty() || !parsed.get().complete()) {
            return done(RegisterReply.of(400, "Bad Request (incomplete Authorization)"));
        }
        DigestCredentials d = parsed.get();
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromWire(d.algorithm());
        if (algorithm.isEmpty() || !offered.contains(algorithm.get()) || !"auth".equalsIgnoreCase(d.qop())) {
            return done(challenge(realm, false, r.userAgent()));
        }
        if (!nonces.opaque().equals(d.opaque())) {
            return done(challenge(realm, false, r.userAgent()));
        }
        String userKey = projectId + ":" + (r.toUser() == null ? "" : r.toUser().toLowerCase(Locale.ROOT));
        Nonces.Check nonceCheck = nonces.check(d.nonce(), realm);
        if (nonceCheck == Nonces.Check.FORGED) {
            fail(r, userKey, projectId, "nonce not issued by this server");
            return done(challenge(realm, false, r.userAgent()));
        }
        if (!uriNamesTarget(d.uri(), r)) {
            return done(RegisterReply.of(400, "Bad Request (digest uri does not match the request)"));
        }
        if (r.toUser() == null || !d.username().equalsIgnoreCase(r.toUser())) {
            fail(r, userKey, projectId, "authentication user differs from the To user");
            return done(RegisterReply.of(403, "Forbidden"));
        }
        Optional<SipDirectory.Credential> cred = directory.credential(projectId, r.toUser());
        if (cred.isEmpty()) {
            fail(r, userKey, projectId, "unknown user");
            return done(RegisterReply.of(403, "Forbidden"));
        }
        String ha1 = switch (algorithm.get()) {
            case MD5 -> cred.get().ha1Md5();
            case SHA_256 -> cred.get().ha1Sha256();
            case SHA_512_256 -> cred.get().ha1Sha512256();
        };
        String expected = algorithm.get().response(ha1, "REGISTER", d.uri(), d.nonce(), d.nc(), d.cnonce(), d.qop());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                d.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            fail(r, userKey, projectId, "wrong password");
            return done(RegisterReply.of(403, "Forbidden"));
        }
        if (nonceCheck == Nonces.Check.STALE) {
            return done(challenge(realm, true, r.userAgent()));
        }
        switch (nonceCounts.accept(d.nonce(), d.nc())) {
            case REPLAYED -> {
                fail(r, userKey, projectId, "replayed nonce count");
                return done(challenge(realm, false, r.userAgent()));
            }
            case FORGOTTEN -> {
                return done(challenge(realm, true, r.userAgent()));
            }
            default -> {
                return bind(r, cred.get());
            }
        }
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
                    return done(new RegisterReply(423, "Interval Too Brief", List.of(), settings.minExpires(),
                            List.of(), 0));
                }
                changes.add(new BindingUpdate.Change(c.uri(), (int) Math.min(asked, settings.maxExpires())));
            }
        }
        String ua = r.userAgent() == null ? null
                : r.userAgent().length() > 200 ? r.userAgent().substring(0, 200) : r.userAgent();
        BindingUpdate u = new BindingUpdate(cred.endpointId(), cred.projectId(), cred.version(), r.callId(), r.cseq(),
                r.wildcard(), changes, r.transport(), r.sourceAddress(), r.sourcePort(), ua);
        return locations.update(u).handle((outcome, error) -> {
            if (error != null) {
                log.warn("could not store the registration of endpoint {}: {}", cred.endpointId(), error.toString());
                return RegisterReply.of(500, "Server Internal Error");
            }
            return switch (outcome) {
                case LocationService.Outcome.Ok ok -> RegisterReply.ok(ok.bindings(), ok.now());
                case LocationService.Outcome.OutOfOrder o -> RegisterReply.of(400, "Bad Request (CSeq out of order)");
                case LocationService.Outcome.Gone g -> RegisterReply.of(403, "Forbidden");
            };
        });
    }

    /** The digest uri must name the request's target: the Request-URI, its host and port, or where it arrived. */
    private static boolean uriNamesTarget(String uri, RegisterRequest r) {
        if (uri.equalsIgnoreCase(r.requestUri())) {
            return true;
        }
        String[] digestHost = hostPort(uri);
        if (digestHost == null) {
            return false;
        }
        String[] requestHost = hostPort(r.requestUri());
        if (requestHost != null && digestHost[0].equals(requestHost[0]) && digestHost[1].equals(requestHost[1])) {
            return true;
        }
        String local = r.localAddress() == null ? "" : r.localAddress().toLowerCase(Locale.ROOT);
        return digestHost[0].equals(local) && (digestHost[1].equals(String.valueOf(r.localPort()))
                || digestHost[1].isEmpty());
    }

    /** {host, port} of a sip/sips URI, lower-case; port "" when absent; null when not such a URI. */
    static String[] hostPort(String uri) {
        String u = uri.trim().toLowerCase(Locale.ROOT);
        int colon = u.indexOf(':');
        if (colon < 0 || !(u.startsWith("sip:") || u.startsWith("sips:"))) {
            return null;
        }
        String rest = u.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        int end = rest.length();
        for (char c : new char[] {';', '?', '>'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        rest = rest.substring(0, end);
        String host;
        String port = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = rest.substring(1, close);
            if (rest.length() > close + 1 && rest.charAt(close + 1) == ':') {
                port = rest.substring(close + 2);
            }
        } else {
            int pc = rest.lastIndexOf(':');
            host = pc >= 0 ? rest.substring(0, pc) : rest;
            port = pc >= 0 ? rest.substring(pc + 1) : "";
        }
        return new String[] {host, port};
    }

    private void fail(RegisterRequest r, String userKey, String projectId, String why) {
        log.info("SIP authentication failed for {}@{} from {}:{} ({})", r.toUser(), r.toHost(), r.sourceAddress(),
                r.sourcePort(), why);
        guard.failure(r.sourceAddress(), userKey, r.toUser(), projectId);
    }

    private RegisterReply challenge(String realm, boolean stale, String userAgent) {
        String nonce = nonces.issue(realm);
        List<String> values = new ArrayList<>(3);
        for (DigestAlgorithm a : LegacyDigestClients.offerTo(userAgent, offered)) {
            values.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", opaque=\"" + nonces.opaque()
                    + "\", algorithm=" + a.wireName() + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return RegisterReply.challenge(values);
    }

    private static CompletableFuture<RegisterReply> done(RegisterReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
