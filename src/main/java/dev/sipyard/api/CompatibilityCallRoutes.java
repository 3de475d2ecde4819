package dev.sipyard.api;

import dev.sipyard.calllog.CallFilter;
import dev.sipyard.calllog.CallLogReader;
import dev.sipyard.calllog.LoggedCall;
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
import java.util.Set;

/**
 * The call log as SignalWire's Compatibility API serves it (Twilio's Calls resource):
 * {@code /api/laml/2010-04-01/Accounts/{AccountSid}/Calls[.json]} and {@code .../Calls/{CallSid}[.json]}.
 * The same routes answer under {@code /2010-04-01/...}, the path the official client requests
 * relative to the space URL. Paging: {@code PageSize}, {@code Page}, {@code PageToken}; errors in
 * Twilio's shape.
 */
final class CompatibilityCallRoutes {
    static final String PREFIX = "/api/laml/" + CallJson.API_VERSION + "/Accounts/";
    static final String CLIENT_PREFIX = "/" + CallJson.API_VERSION + "/Accounts/";
    private static final Set<String> STATUSES = Set.of("queued", "initiated", "ringing", "in-progress", "canceled",
            "completed", "failed", "busy", "no-answer");
    private static final String[] FILTERS = {"To", "From", "Status", "ParentCallSid", "StartTime", "StartTime>=",
            "StartTime<=", "StartTime>", "StartTime<"};
    private static final int MAX_PAGE = 100_000;
    private static final long DAY = 86_400_000L;

    private final CallLogReader calls;
    private final Requests requests;
    private final PageTokens pageTokens;

    CompatibilityCallRoutes(CallLogReader calls, Requests requests, PageTokens pageTokens) {
        this.calls = calls;
        this.requests = requests;
        this.pageTokens = pageTokens;
    }

    void register(RoutesConfig routes) {
        for (String prefix : List.of(PREFIX, CLIENT_PREFIX)) {
            for (String suffix : List.of("", ".json")) {
                routes.get(prefix + "{AccountSid}/Calls" + suffix, ctx -> guarded(ctx, this::list));
            }
            // Javalin cannot match "{CallSid}.json" as one segment, so the .json is stripped here.
            routes.get(prefix + "{AccountSid}/Calls/{CallSid}", ctx -> guarded(ctx, this::fetch));
        }
    }

    private interface Handler {
        void handle(Context ctx, String projectId);
    }

    /** Authenticates and counts the request, and answers every refusal in Twilio's shape. */
    private void guarded(Context ctx, Handler handler) {
        try {
            String projectId = requests.admit(ctx, false);
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

    private void fetch(Context ctx, String projectId) {
        String sid = ctx.pathParam("CallSid");
        if (sid.endsWith(".json")) {
            sid = sid.substring(0, sid.length() - ".json".length());
        }
        LoggedCall call = calls.find(projectId, sid).orElseThrow(CompatibilityErrors::notFound);
        ctx.json(CallJson.compatibility(call, PREFIX + projectId));
    }

    private void list(Context ctx, String projectId) {
        int size = intParam(ctx, "PageSize", Requests.DEFAULT_PAGE_SIZE, 1, Requests.MAX_PAGE_SIZE);
        int page = intParam(ctx, "Page", 0, 0, MAX_PAGE);
        CallFilter filter = filter(ctx);
        String scope = projectId + ":calls";
        String token = ctx.queryParam("PageToken");
        String cursor = null;
        boolean backward = false;
        if (token != null) {
            var read = pageTokens.read(scope, token, size)
                    .orElseThrow(() -> CompatibilityErrors.badParameter("PageToken is not one this server issued "
                            + "for this list; start again from the first page."));
            cursor = read.cursor();
            backward = read.backward();
        }
        Page<LoggedCall> result = Page.of(calls.list(projectId, new CallLogReader.PageQuery(filter, cursor, backward,
                (long) page * size, size + 1)), new PageRequest(size, cursor, backward));
        List<LoggedCall> rows = result.items();
        boolean hasNext = result.hasNext();

        String accountUri = PREFIX + projectId;
        String base = accountUri + "/Calls.json";
        Map<String, String> filters = filterParams(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calls", rows.stream().map(c -> CallJson.compatibility(c, accountUri)).toList());
        body.put("uri", base + query(filters, size, page, token));
        body.put("first_page_uri", base + query(filters, size, 0, null));
        body.put("next_page_uri", hasNext && !rows.isEmpty()
                ? base + query(filters, size, page + 1, pageTokens.token(scope, rows.get(rows.size() - 1).id(), false))
                : null);
        body.put("previous_page_uri", page > 0 && !rows.isEmpty()
                ? base + query(filters, size, page - 1, pageTokens.token(scope, rows.get(0).id(), true))
                : null);
        body.put("page", page);
        body.put("page_size", size);
        body.put("start", (long) page * size);
        body.put("end", (long) page * size + Math.max(rows.size() - 1, 0));
        ctx.json(body);
    }

    private static CallFilter filter(Context ctx) {
        String status = ctx.queryParam("Status");
        if (status != null && !STATUSES.contains(status)) {
            throw CompatibilityErrors.badParameter("Status must be one of " + String.join(", ",
                    STATUSES.stream().sorted().toList()) + ".");
        }
        // Twilio's wire form: "StartTime>=2026-03-02" in a URL is the key "StartTime>" and the value
        // "2026-03-02", and it means "on or after"; so "StartTime>" and "StartTime>=" mean the same,
        // as do "StartTime<" and "StartTime<=" (on or before). A date covers its whole UTC day.
        Long from = null;
        Long until = null;
        for (String name : List.of("StartTime>", "StartTime>=")) {
            from = max(from, bound(ctx, name, false));
        }
        for (String name : List.of("StartTime<", "StartTime<=")) {
            until = min(until, bound(ctx, name, true));
        }
        String exact = ctx.queryParam("StartTime");
        if (exact != null) {
            long day = dayOf(exact, "StartTime");
            from = max(from, day);
            until = min(until, day + DAY);
        }
        return new CallFilter(blankToNull(ctx.queryParam("To")), blankToNull(ctx.queryParam("From")), status,
                blankToNull(ctx.queryParam("ParentCallSid")), from, until);
    }

    /**
     * The bound a StartTime parameter sets, or null when absent: a date (YYYY-MM-DD) from the start
     * of its day, or to the end of it ({@code upper}); a date-time (ISO-8601, as the official
     * client sends) at that instant, inclusive.
     */
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

    /** The start of the UTC day of a date or of a date-time. */
    private static long dayOf(String value, String name) {
        String v = value.trim();
        return day(v.length() > 10 ? v.substring(0, 10) : v, name);
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

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        if (!v.trim().matches("\\d{1,9}") || Integer.parseInt(v.trim()) < min || Integer.parseInt(v.trim()) > max) {
            throw CompatibilityErrors.badParameter(name + " must be a whole number from " + min + " to " + max + ".");
        }
        return Integer.parseInt(v.trim());
    }

    private static Map<String, String> filterParams(Context ctx) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String v = ctx.queryParam(name);
            if (v != null) {
                kept.put(name, v);
            }
        }
        return kept;
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
