package dev.sipyard.api;

import dev.sipyard.common.NotFoundException;
import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the routes of SignalWire's Compatibility API (Twilio's REST shape) share: the project
 * admitted only under its own AccountSid, every refusal in Twilio's error shape, paging by
 * {@code PageSize}, {@code Page} and {@code PageToken}, and Twilio's date filters.
 */
final class CompatibilityRequests {
    static final String PREFIX = "/api/laml/" + CallJson.API_VERSION + "/Accounts/";
    /** The path the official client requests, relative to the space URL. */
    static final String CLIENT_PREFIX = "/" + CallJson.API_VERSION + "/Accounts/";
    static final List<String> PREFIXES = List.of(PREFIX, CLIENT_PREFIX);
    private static final int MAX_PAGE = 100_000;
    private static final long DAY = 86_400_000L;

    private final Requests requests;
    private final PageTokens pageTokens;

    CompatibilityRequests(Requests requests, PageTokens pageTokens) {
        this.requests = requests;
        this.pageTokens = pageTokens;
    }

    /** A route's work once its project is admitted. */
    interface Handler {
        void handle(Context ctx, String projectId) throws Exception;
    }

    /** The page a list request asks for: its size and number, and the cursor of its PageToken if any. */
    record Paging(int size, int number, String token, PageRequest request) {
        long offset() {
            return (long) number * size;
        }
    }

    /** A window of times in epoch milliseconds, {@code from} inclusive and {@code until} exclusive; null: open. */
    record TimeWindow(Long from, Long until) {}

    void get(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, ctx -> guarded(ctx, false, handler));
    }

    void delete(RoutesConfig routes, String path, Handler handler) {
        routes.delete(path, ctx -> guarded(ctx, true, handler));
    }

    /** Authenticates and counts the request, and answers every refusal in Twilio's shape. */
    private void guarded(Context ctx, boolean write, Handler handler) throws Exception {
        try {
            String projectId = requests.admit(ctx, write);
            if (!projectId.equals(ctx.pathParam("AccountSid"))) {
                throw CompatibilityErrors.notFound();
            }
            handler.handle(ctx, projectId);
        } catch (ApiError e) {
            ApiError shaped = e.body instanceof Map<?, ?> m && m.containsKey("code") ? e
                    : CompatibilityErrors.translate(e);
            if (shaped.status == 401) {
                ctx.header("WWW-Authenticate", "Basic realm=\"sipyard\"");
            }
            ctx.status(shaped.status).json(shaped.body);
        } catch (NotFoundException e) {
            ApiError nf = CompatibilityErrors.notFound();
            ctx.status(nf.status).json(nf.body);
        }
    }

    /** PageSize (1..1000, default 50), Page (from 0) and PageToken (one this server issued for {@code scope}). */
    Paging paging(Context ctx, String scope) {
        int size = intParam(ctx, "PageSize", Requests.DEFAULT_PAGE_SIZE, 1, Requests.MAX_PAGE_SIZE);
        int number = intParam(ctx, "Page", 0, 0, MAX_PAGE);
        String token = ctx.queryParam("PageToken");
        PageRequest request = PageRequest.first(size);
        if (token != null) {
            request = pageTokens.read(scope, token, size)
                    .orElseThrow(() -> CompatibilityErrors.badParameter("PageToken is not one this server issued "
                            + "for this list; start again from the first page."));
        }
        return new Paging(size, number, token, request);
    }

    /**
     * Twilio's list body: the rows under {@code key}, then {@code uri}, {@code first_page_uri},
     * {@code next_page_uri}, {@code previous_page_uri} (relative, carrying {@code filters}),
     * {@code page}, {@code page_size}, {@code start} and {@code end}.
     */
    <T> Map<String, Object> page(String key, Page<T> result, Function<T, String> idOf,
                                 Function<T, Map<String, Object>> json, Paging p, String base, String scope,
                                 Map<String, String> filters) {
        List<T> rows = result.items();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, rows.stream().map(json).toList());
        body.put("uri", base + query(filters, p.size(), p.number(), p.token()));
        body.put("first_page_uri", base + query(filters, p.size(), 0, null));
        body.put("next_page_uri", result.hasNext() && !rows.isEmpty()
                ? base + query(filters, p.size(), p.number() + 1,
                        pageTokens.token(scope, idOf.apply(rows.get(rows.size() - 1)), false))
                : null);
        body.put("previous_page_uri", p.number() > 0 && !rows.isEmpty()
                ? base + query(filters, p.size(), p.number() - 1, pageTokens.token(scope, idOf.apply(rows.get(0)), true))
                : null);
        body.put("page", p.number());
        body.put("page_size", p.size());
        body.put("start", p.offset());
        body.put("end", p.offset() + Math.max(rows.size() - 1, 0));
        return body;
    }

    /**
     * The window a time filter sets: {@code name} (that UTC day), and Twilio's wire forms
     * {@code name>} / {@code name>=} (on or after) and {@code name<} / {@code name<=} (on or
     * before). In a URL, "StartTime>=2026-03-02" is the key "StartTime>" and the value
     * "2026-03-02", so "&gt;" and "&gt;=" mean the same, as do "&lt;" and "&lt;=". A date covers its
     * whole UTC day; a date-time (ISO-8601, as the official client sends) is that instant, inclusive.
     */
    static TimeWindow window(Context ctx, String name) {
        Long from = null;
        Long until = null;
        for (String key : List.of(name + ">", name + ">=")) {
            from = max(from, bound(ctx, key, false));
        }
        for (String key : List.of(name + "<", name + "<=")) {
            until = min(until, bound(ctx, key, true));
        }
        String exact = ctx.queryParam(name);
        if (exact != null) {
            String v = exact.trim();
            long day = day(v.length() > 10 ? v.substring(0, 10) : v, name);
            from = max(from, day);
            until = min(until, day + DAY);
        }
        return new TimeWindow(from, until);
    }

    /** The names {@link #window} reads for {@code name}, to carry into page links. */
    static List<String> windowParams(String name) {
        return List.of(name, name + ">=", name + "<=", name + ">", name + "<");
    }

    private static Long bound(Context ctx, String name, boolean upper) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        String value = v.trim();
        if (value.length() == 10) {
            long day = day(value, name);
            return upper ? day + DAY : day;
        }
        try {
            long t = OffsetDateTime.parse(value).toInstant().toEpochMilli();
            return upper ? t + 1 : t;
        } catch (DateTimeParseException e) {
            throw CompatibilityErrors.badParameter(name + " must be a date (YYYY-MM-DD) or an ISO-8601 date-time.");
        }
    }

    private static long day(String value, String name) {
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw CompatibilityErrors.badParameter(name + " must be a date (YYYY-MM-DD) or an ISO-8601 date-time.");
        }
    }

    private static Long max(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Long.valueOf(Math.max(a, b));
    }

    private static Long min(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Long.valueOf(Math.min(a, b));
    }

    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        if (!v.trim().matches("\\d{1,9}") || Integer.parseInt(v.trim()) < min || Integer.parseInt(v.trim()) > max) {
            throw CompatibilityErrors.badParameter(name + " must be a whole number from " + min + " to " + max + ".");
        }
        return Integer.parseInt(v.trim());
    }

    /** The query parameters among {@code names} that the request carries, in that order. */
    static Map<String, String> kept(Context ctx, List<String> names) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : names) {
            String v = ctx.queryParam(name);
            if (v != null) {
                kept.put(name, v);
            }
        }
        return kept;
    }

    /** The id in a path segment such as {@code <id>.json}: the segment without {@code suffix}, if it ends so. */
    static String withoutSuffix(String segment, String suffix) {
        return segment.endsWith(suffix) ? segment.substring(0, segment.length() - suffix.length()) : segment;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String query(Map<String, String> filters, int size, int page, String token) {
        StringBuilder sb = new StringBuilder("?");
        filters.forEach((k, v) -> sb.append(enc(k)).append('=').append(enc(v)).append('&'));
        sb.append("PageSize=").append(size).append("&Page=").append(page);
        if (token != null) {
            sb.append("&PageToken=").append(enc(token));
        }
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
