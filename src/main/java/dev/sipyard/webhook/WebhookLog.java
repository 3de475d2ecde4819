package dev.sipyard.webhook;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One line per webhook request on logger {@code dev.sipyard.webhooks}: a call's document fetch
 * ({@code kind=fetch}) or a status callback delivery attempt ({@code kind=callback}), with the
 * call's {@code call_sid}, the HTTP status, the duration and the URL's scheme, host and path only
 * (a query string or user-info may carry the customer's secrets; the signature is never logged).
 * INFO when it worked, WARN when it did not.
 */
public final class WebhookLog {
    private static final Logger log = LoggerFactory.getLogger("dev.sipyard.webhooks");

    /** What a webhook request was for. */
    public enum Kind {
        FETCH, CALLBACK;

        String field() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private WebhookLog() {}

    /** One request's outcome; {@code attempt} counts a callback's tries from 1 (0 for a fetch). */
    public static void sent(Kind kind, String callSid, String method, String url, FetchResult r, int attempt) {
        Level level = r != null && r.ok() ? Level.INFO : Level.WARN;
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        String where = where(url);
        int status = r == null ? 0 : r.httpStatus();
        long millis = r == null ? 0 : r.millis();
        String error = r == null ? "not sent" : r.error();
        var line = log.atLevel(level).addKeyValue("kind", kind.field()).addKeyValue("call_sid", callSid)
                .addKeyValue("method", method).addKeyValue("url", where).addKeyValue("status", status)
                .addKeyValue("duration_ms", millis);
        if (attempt > 0) {
            line = line.addKeyValue("attempt", attempt);
        }
        if (error != null) {
            line = line.addKeyValue("error", error);
        }
        line.log("webhook {} {} {} -> {} {}ms{}{}", kind.field(), method, where, status, millis,
                callSid == null ? "" : " call_sid=" + callSid, error == null ? "" : " error=" + error);
    }

    /** Scheme, host, port and path only: a query string or user-info may carry the customer's secrets. */
    public static String where(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return "an invalid URL";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException | NullPointerException e) {
            return "an invalid URL";
        }
    }
}
