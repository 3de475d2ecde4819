package dev.sipyard.webhook;

import dev.sipyard.common.BoundedBody;
import dev.sipyard.metrics.WebhookMeters;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one signed webhook request (a cXML or SWML document fetch, or a status callback) within
 * CALLS.md's limits: connect 2 s, read 5 s, 15 s in all (a {@code #ot=&rt=&tt=} fragment
 * overrides them), a body of at most 64 kB, at most 3 redirects (each target checked again), and
 * never a link-local or cloud metadata address unless allowed. {@link #send} never throws and
 * its future completes within the total limit.
 */
public final class WebhookClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookClient.class);
    static final int MAX_BODY = 64 * 1024;
    static final int MAX_REDIRECTS = 3;
    private static final int MAX_CACHED_CLIENTS = 16;
    /** Slack past the total limit for the worker to report its own, more precise, failure. */
    private static final long GRACE_MS = 250;

    private final SigningKeys keys;
    private final AddressGuard guard;
    private final WebhookMeters meters;
    /** One HTTP client per connect timeout (the JDK sets that per client, not per request). */
    private final ConcurrentHashMap<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /** A client signing with {@code keys}; {@code allowLinkLocal} lifts the link-local and metadata guard. */
    public WebhookClient(SigningKeys keys, boolean allowLinkLocal) {
        this(keys, allowLinkLocal, WebhookMeters.unread());
    }

    /** As {@link #WebhookClient(SigningKeys, boolean)}, timing every request in {@code meters}. */
    public WebhookClient(SigningKeys keys, boolean allowLinkLocal, WebhookMeters meters) {
        this.meters = meters;
        this.keys = keys;
        this.guard = new AddressGuard(allowLinkLocal);
    }

    /** A client signing with the keys in the {@code projects} table. */
    public static WebhookClient over(Jdbi jdbi, boolean allowLinkLocal) {
        return over(jdbi, allowLinkLocal, WebhookMeters.unread());
    }

    /** A client signing with the keys in the {@code projects} table, timing every request in {@code meters}. */
    public static WebhookClient over(Jdbi jdbi, boolean allowLinkLocal, WebhookMeters meters) {
        return new WebhookClient(new ProjectSigningKeys(jdbi, Clock.systemUTC()), allowLinkLocal, meters);
    }

    /** Sends {@code r}; the future always completes normally, with a failed result when something went wrong. */
    public CompletableFuture<FetchResult> send(WebhookRequest r) {
        CompletableFuture<FetchResult> result = unmeasured(r);
        result.thenAccept(f -> meters.record(f.ok(), f.httpStatus(), f.millis()));
        return result;
    }

    private CompletableFuture<FetchResult> unmeasured(WebhookRequest r) {
        long started = System.nanoTime();
        Target target;
        try {
            target = Target.parse(r.url());
        } catch (InvalidUrl e) {
            return CompletableFuture.completedFuture(FetchResult.failed(0, null, 0, r.url(), e.getMessage()));
        }
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        long totalMs = target.limits().total().toMillis();
        result.completeOnTimeout(FetchResult.failed(0, null, totalMs, target.base(),
                "no complete answer within " + totalMs + " ms"), totalMs + GRACE_MS, TimeUnit.MILLISECONDS);
        Thread.ofVirtual().name("webhook-send").start(() -> {
            try {
                result.complete(new Exchange(r, target, started).run());
            } catch (RuntimeException e) {
                log.warn("webhook to {} failed unexpectedly: {}", target.base(), e.toString());
                result.complete(FetchResult.failed(0, null, elapsedMs(started), target.base(),
                        "internal error: " + e.getClass().getSimpleName()));
            }
        });
        return result;
    }

    /** The URL as sent (no fragment) and the limits its fragment sets. */
    private record Target(String base, FetchLimits limits) {
        static Target parse(String url) throws InvalidUrl {
            if (url == null || url.isBlank()) {
                throw new InvalidUrl("invalid URL: empty");
            }
            URI uri;
            try {
                uri = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new InvalidUrl("invalid URL: " + e.getReason());
            }
            String s = uri.toString();
            int hash = s.indexOf('#');
            return new Target(hash < 0 ? s : s.substring(0, hash), FetchLimits.fromFragment(uri.getRawFragment()));
        }
    }

    private static final class InvalidUrl extends Exception {
        InvalidUrl(String message) {
            super(message, null, false, false);
        }
    }

    /** One request and the redirects it leads to. */
    private final class Exchange {
        private final WebhookRequest request;
        private final FetchLimits limits;
        private final long started;
        private final long deadline;
        private final String key;
        private String method;
        private String body;
        private Map<String, String> signedForm;
        private URI uri;
        private int lastStatus;
        private String lastContentType;

        Exchange(WebhookRequest request, Target target, long started) {
            this.request = request;
            this.limits = target.limits();
            this.started = started;
            this.deadline = started + limits.total().toNanos();
            this.key = signingKey(request.projectId());
            this.method = request.isSwml() ? "POST"
                    : (request.method() == null ? "POST" : request.method().toUpperCase(Locale.ROOT));
            String base = target.base();
            if (!request.isSwml() && method.equals("GET") && request.form() != null && !request.form().isEmpty()) {
                base = base + (base.contains("?") ? "&" : "?") + formEncode(request.form());
            }
            this.body = request.isSwml() ? request.jsonBody()
                    : method.equals("POST") ? formEncode(request.form() == null ? Map.of() : request.form()) : null;
            this.signedForm = method.equals("POST") && !request.isSwml() && request.form() != null ? request.form() : Map.of();
            this.uri = URI.create(base);
        }

        FetchResult run() {
            if (key == KEY_UNREADABLE) {
                return fail("cannot read the signing key of project " + request.projectId());
            }
            if (key == null) {
                return fail("unknown project " + request.projectId());
            }
            if (!method.equals("GET") && !method.equals("POST")) {
                return fail("method must be GET or POST, not " + method);
            }
            Set<URI> seen = new HashSet<>();
            seen.add(uri);
            for (int redirects = 0; ; redirects++) {
                String refused = checkTarget(uri);
                if (refused != null) {
                    return fail(refused);
                }
                HttpResponse<BoundedBody.Body> response;
                try {
                    response = exchangeOnce();
                } catch (Failure f) {
                    return fail(f.getMessage());
                }
                lastStatus = response.statusCode();
                lastContentType = response.headers().firstValue("Content-Type").orElse(null);
                Optional<String> location = response.headers().firstValue("Location");
                if (isRedirect(lastStatus) && location.isPresent()) {
                    if (redirects == MAX_REDIRECTS) {
                        return fail("more than " + MAX_REDIRECTS + " redirects");
                    }
                    URI next;
                    try {
                        next = withoutFragment(uri.resolve(location.get().strip()));
                    } catch (IllegalArgumentException | URISyntaxException e) {
                        return fail("redirect to an invalid URL");
                    }
                    if (!seen.add(next)) {
                        return fail("redirect loop at " + next);
                    }
                    followRedirect(lastStatus, next);
                    continue;
                }
                BoundedBody.Body body = response.body();
                byte[] bytes = body.bytes();
                if (body.tooLarge()) {
                    return fail("document larger than " + (MAX_BODY / 1024) + " kB");
                }
                if (lastStatus < 200 || lastStatus > 299) {
                    return fail("HTTP " + lastStatus + " from " + uri);
                }
                return new FetchResult(true, lastStatus, new String(bytes, charsetOf(lastContentType)),
                        lastContentType, elapsedMs(started), uri.toString(), null);
            }
        }

        /** 303, and 301/302 after a POST, become a GET without the form (what browsers do); 307/308 resend as they were. */
        private void followRedirect(int status, URI next) {
            if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
                method = "GET";
                body = null;
                signedForm = Map.of();
            }
            uri = next;
        }

        private HttpResponse<BoundedBody.Body> exchangeOnce() throws Failure {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                throw new Failure("no complete answer within " + limits.total().toMillis() + " ms");
            }
            long perRequest = limits.connect().plus(limits.read()).toMillis();
            // When the total is the tighter bound, the client's own timeout and ours race: either way it is the total.
            boolean totalBinds = remaining <= perRequest;
            HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(Math.min(remaining, perRequest)))
                    .header("User-Agent", "sipyard")
                    .header(Signatures.HEADER, signature());
            if (body == null) {
                b.GET();
            } else {
                b.header("Content-Type", request.isSwml() ? "application/json" : "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            CompletableFuture<HttpResponse<BoundedBody.Body>> pending;
            try {
                pending = clientFor(limits.connect()).sendAsync(b.build(),
                        info -> BoundedBody.reading(MAX_BODY, info.headers().firstValueAsLong("Content-Length").orElse(-1)));
            } catch (IllegalArgumentException e) {
                throw new Failure("invalid URL: " + uri);
            }
            try {
                return pending.get(remaining, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                throw new Failure("no complete answer within " + limits.total().toMillis() + " ms");
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                throw new Failure("interrupted");
            } catch (ExecutionException e) {
                if (totalBinds && e.getCause() instanceof HttpTimeoutException
                        && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                    throw new Failure("no complete answer within " + limits.total().toMillis() + " ms");
                }
                throw new Failure(describe(e.getCause()));
            }
        }

        private String signature() {
            String url = uri.toString();
            return request.isSwml() ? Signatures.swml(key, url, body) : Signatures.cxml(key, url, signedForm);
        }

        private String describe(Throwable t) {
            String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            if (t instanceof HttpConnectTimeoutException) {
                return "could not connect to " + where + " within " + limits.connect().toMillis() + " ms";
            }
            if (t instanceof HttpTimeoutException) {
                return "no response from " + where + " within " + limits.read().toMillis() + " ms";
            }
            if (t instanceof ConnectException) {
                return "cannot connect to " + where + " (connection refused)";
            }
            if (t instanceof SSLException) {
                return "TLS with " + where + " failed: " + oneLine(t.getMessage());
            }
            if (t instanceof IOException) {
                return "request to " + where + " failed: " + oneLine(t.getMessage());
            }
            return "request to " + where + " failed: " + t.getClass().getSimpleName();
        }

        private FetchResult fail(String error) {
            return FetchResult.failed(lastStatus, lastContentType, elapsedMs(started), uri.toString(), error);
        }
    }

    private static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** Stands for "the key could not be read" (the database failed); compared by identity. */
    private static final String KEY_UNREADABLE = new String("unreadable");

    private String signingKey(String projectId) {
        try {
            return keys.keyOf(projectId).orElse(null);
        } catch (RuntimeException e) {
            log.warn("cannot read the signing key of project {}: {}", projectId, e.getClass().getSimpleName());
            return KEY_UNREADABLE;
        }
    }

    /** Why a request may not go to {@code uri}, or null. */
    private String checkTarget(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "invalid URL: only http and https are allowed";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "invalid URL: no host";
        }
        try {
            String why = guard.refusal(uri.getHost());
            return why == null ? null : "refused " + uri.getHost() + ": " + why;
        } catch (UnknownHostException e) {
            return "unknown host " + uri.getHost();
        }
    }

    private HttpClient clientFor(Duration connect) {
        HttpClient c = clients.get(connect);
        if (c != null) {
            return c;
        }
        if (clients.size() >= MAX_CACHED_CLIENTS) {
            // Rare custom connect timeouts: fall back to the nearest cached behaviour, the default.
            connect = FetchLimits.DEFAULTS.connect();
        }
        return clients.computeIfAbsent(connect, d -> HttpClient.newBuilder()
                .connectTimeout(d)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI withoutFragment(URI u) throws URISyntaxException {
        return u.getRawFragment() == null ? u : new URI(u.getScheme(), u.getSchemeSpecificPart(), null);
    }

    static String formEncode(Map<String, String> form) {
        StringJoiner j = new StringJoiner("&");
        form.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    private static Charset charsetOf(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
        clients.clear();
    }
}
