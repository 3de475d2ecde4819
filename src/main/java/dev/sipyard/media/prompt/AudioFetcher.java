package dev.sipyard.media.prompt;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.audio.AudioFiles;
import dev.sipyard.media.audio.UnsupportedAudio;
import dev.sipyard.media.prompt.BoundedBody.Body;
import dev.sipyard.webhook.AddressGuard;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Fetches the audio file of a {@code <Play>} and decodes it with {@link AudioFiles}.
 *
 * <p>Only http and https; every host, the first and each redirect's, is checked by the webhook
 * {@link AddressGuard} (link-local and cloud metadata addresses refused unless allowed; loopback
 * and private networks allowed, as for webhooks). At most {@value #MAX_REDIRECTS} redirects are
 * followed. The body is read up to {@code maxBytes}: past that, or when the Content-Length says
 * so, the download stops. Text responses are refused without reading them. The whole fetch,
 * redirects included, takes at most {@code timeout}. Decoding is limited to {@code 2 * maxBytes}
 * samples, so a small but very long MP3 cannot take much more memory than the file limit allows.
 *
 * <p>Decoded clips are cached by the URL as given (LRU, {@code cacheBytes} in all). Failures
 * name the URL without its query, which may carry credentials.
 */
public final class AudioFetcher implements AutoCloseable {
    static final int MAX_REDIRECTS = 3;

    private final AddressGuard guard;
    private final long maxBytes;
    private final Duration timeout;
    private final ClipCache<String> cache;
    private final HttpClient client;

    public AudioFetcher(boolean allowLinkLocal, long maxBytes, Duration timeout, long cacheBytes) {
        this.guard = new AddressGuard(allowLinkLocal);
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.cache = new ClipCache<>(cacheBytes);
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // As the webhook client: no h2c upgrade attempts on plain http, which some servers mishandle.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public AudioClip fetch(String url) throws PromptFailure {
        String key = url == null ? "" : url.strip();
        AudioClip cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        AudioClip clip = download(parse(key));
        cache.put(key, clip);
        return clip;
    }

    private static URI parse(String url) throws PromptFailure {
        if (url.isEmpty()) {
            throw new PromptFailure("invalid audio URL: empty");
        }
        try {
            return withoutFragment(new URI(url));
        } catch (URISyntaxException e) {
            throw new PromptFailure("invalid audio URL: " + e.getReason());
        }
    }

    private AudioClip download(URI first) throws PromptFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = first;
        for (int redirects = 0; ; redirects++) {
            check(uri);
            HttpResponse<Body> response = exchange(uri, deadline);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (isRedirect(status) && location.isPresent()) {
                if (redirects == MAX_REDIRECTS) {
                    throw new PromptFailure("audio at " + shown(first) + ": more than " + MAX_REDIRECTS + " redirects");
                }
                uri = redirectTarget(uri, location.get());
                continue;
            }
            if (status < 200 || status > 299) {
                throw new PromptFailure("audio at " + shown(uri) + " returned HTTP " + status);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            Body body = response.body();
            if (body.tooLarge()) {
                throw new PromptFailure("audio at " + shown(uri) + " is larger than " + Wording.size(maxBytes));
            }
            if (body == Body.SKIPPED) {
                throw new PromptFailure("audio at " + shown(uri) + " is not audio (" + AudioFiles.mediaType(contentType) + ")");
            }
            try {
                return AudioFiles.decode(body.bytes(), contentType, 2 * maxBytes);
            } catch (UnsupportedAudio e) {
                String why = e.getMessage();
                throw new PromptFailure("audio at " + shown(uri) + (why.startsWith("not ") ? " is " : ": ") + why);
            }
        }
    }

    private void check(URI uri) throws PromptFailure {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PromptFailure("audio URL must be http or https: " + shown(uri));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new PromptFailure("invalid audio URL: no host in " + shown(uri));
        }
        String why;
        try {
            why = guard.refusal(uri.getHost());
        } catch (UnknownHostException e) {
            throw new PromptFailure("audio at " + shown(uri) + ": unknown host");
        }
        if (why != null) {
            throw new PromptFailure("audio at " + shown(uri) + " refused: " + why);
        }
    }

    private HttpResponse<Body> exchange(URI uri, long deadline) throws PromptFailure {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw noAudioInTime(uri);
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(remaining))
                    .header("User-Agent", "sipyard").GET().build();
        } catch (IllegalArgumentException e) {
            throw new PromptFailure("invalid audio URL: " + shown(uri));
        }
        CompletableFuture<HttpResponse<Body>> pending = client.sendAsync(request, this::bodyFor);
        try {
            return pending.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw noAudioInTime(uri);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new PromptFailure("fetching audio at " + shown(uri) + " interrupted");
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
    }

    private BoundedBody bodyFor(HttpResponse.ResponseInfo info) {
        boolean success = info.statusCode() >= 200 && info.statusCode() <= 299;
        String type = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!success || type.startsWith("text/")) {
            return BoundedBody.skipping();
        }
        return BoundedBody.reading(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    private PromptFailure failure(URI uri, Throwable t) {
        if (t instanceof HttpTimeoutException) {
            return noAudioInTime(uri);
        }
        if (t instanceof ConnectException) {
            return new PromptFailure("audio at " + shown(uri) + ": cannot connect (connection refused)");
        }
        if (t instanceof SSLException) {
            return new PromptFailure("audio at " + shown(uri) + ": TLS failed");
        }
        if (t instanceof IOException) {
            return new PromptFailure("audio at " + shown(uri) + ": request failed (" + t.getClass().getSimpleName() + ")");
        }
        return new PromptFailure("audio at " + shown(uri) + ": request failed");
    }

    private PromptFailure noAudioInTime(URI uri) {
        return new PromptFailure("no audio from " + shown(uri) + " within " + Wording.duration(timeout));
    }

    private static URI redirectTarget(URI from, String location) throws PromptFailure {
        try {
            return withoutFragment(from.resolve(location.strip()));
        } catch (IllegalArgumentException | URISyntaxException e) {
            throw new PromptFailure("audio at " + shown(from) + " redirects to an invalid URL");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI withoutFragment(URI u) throws URISyntaxException {
        return u.getRawFragment() == null ? u : new URI(u.getScheme(), u.getSchemeSpecificPart(), null);
    }

    /** The URL for messages: scheme, host, port and path, without user info or query. */
    static String shown(URI uri) {
        StringBuilder s = new StringBuilder();
        if (uri.getScheme() != null) {
            s.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            s.append(uri.getHost());
            if (uri.getPort() >= 0) {
                s.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            s.append(uri.getRawPath());
        }
        String shown = s.toString();
        return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
