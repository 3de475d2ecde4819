package dev.sipyard.api;

import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.common.ValidationException;
import dev.sipyard.common.Violation;
import dev.sipyard.project.ApiTokens;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** What every route needs from a request: the caller's project, the JSON body, the page asked for, and list responses. */
final class Requests {
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;

    private final ApiTokens tokens;
    private final PageTokens pageTokens;
    private final int maxBodyBytes;
    private final PublicBase publicBase;
    private final RateLimiter limiter;

    Requests(ApiTokens tokens, PageTokens pageTokens, int maxBodyBytes, String publicUrl, RateLimiter limiter) {
        this.tokens = tokens;
        this.pageTokens = pageTokens;
        this.maxBodyBytes = maxBodyBytes;
        this.publicBase = new PublicBase(publicUrl);
        this.limiter = limiter;
    }

    /** The authenticated project, once its request fits its budget (a write or a read); else 401 or 429. */
    String admit(Context ctx, boolean write) {
        String projectId = project(ctx);
        limiter.admit(ctx, projectId, write);
        return projectId;
    }

    /**
     * The project authenticated by HTTP Basic (user = project id, password = API token), or a 401.
     * A client address with too many recent failures gets a 429 without its credentials being checked.
     */
    String project(Context ctx) {
        limiter.beforeAuthentication(ctx);
        try {
            String projectId = authenticate(ctx);
            AccessLog.authenticated(ctx, projectId);
            return projectId;
        } catch (ApiError e) {
            limiter.authenticationFailed(ctx);
            throw e;
        }
    }

    private String authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() > 1024 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw Errors.unauthorized();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Errors.unauthorized();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw Errors.unauthorized();
        }
        String projectId = decoded.substring(0, colon);
        if (!tokens.authenticate(projectId, decoded.substring(colon + 1))) {
            throw Errors.unauthorized();
        }
        return projectId;
    }

    /**
     * The body as a JSON object: 415 unless JSON, 413 past the size limit (answered from
     * Content-Length alone, reading no further; a client that sent {@code Expect: 100-continue}
     * never sends it), 400 if malformed.
     */
    Map<String, Object> jsonBody(Context ctx) {
        String type = ctx.header("Content-Type");
        String mime = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            throw refuse(ctx, Errors.unsupportedMediaType());
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw Errors.tooLarge(maxBodyBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw Errors.tooLarge(maxBodyBytes);
            }
            return Json.parseObject(body);
        } catch (IOException e) {
            throw Errors.invalidJson("The request body could not be read.");
        }
    }

    /**
     * Reads and discards a body of acceptable size before a refusal is answered: closing a
     * connection with unread data resets it, and the client would see a broken connection instead
     * of the status. Bodies over the size limit are never read.
     */
    private ApiError refuse(Context ctx, ApiError error) {
        long declared = ctx.req().getContentLengthLong();
        if (declared >= 0 && declared <= maxBodyBytes) {
            try {
                ctx.req().getInputStream().readNBytes(maxBodyBytes);
            } catch (IOException e) {
                // the client went away; nothing to answer then
            }
        }
        return error;
    }

    /** The page asked for by page_size and page_token; a bad value is a 422 naming it. */
    PageRequest page(Context ctx, String scope) {
        List<Violation> problems = new ArrayList<>();
        int size = DEFAULT_PAGE_SIZE;
        String sizeParam = ctx.queryParam("page_size");
        if (sizeParam != null) {
            try {
                size = Integer.parseInt(sizeParam.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_PAGE_SIZE) {
                problems.add(new Violation(Violation.INVALID_VALUE, "page_size",
                        "page_size must be a whole number from 1 to " + MAX_PAGE_SIZE + "."));
            }
        }
        String pageNumber = ctx.queryParam("page_number");
        if (pageNumber != null && !pageNumber.matches("\\d{1,9}")) {
            problems.add(new Violation(Violation.INVALID_VALUE, "page_number",
                    "page_number must be a whole number from 0."));
        }
        PageRequest request = PageRequest.first(Math.max(1, Math.min(size, MAX_PAGE_SIZE)));
        String token = ctx.queryParam("page_token");
        if (token != null) {
            var read = pageTokens.read(scope, token, request.size());
            if (read.isEmpty()) {
                problems.add(new Violation(Violation.PAGE_TOKEN_INVALID, "page_token",
                        "page_token is not one this server issued for this list; start again from the first page."));
            } else {
                request = read.get();
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return request;
    }

    /** Writes {"data": [...], "links": {...}} with absolute self/first/next/prev links. */
    <T> void list(Context ctx, String scope, Page<T> page, Function<T, String> idOf,
                  Function<T, ?> json, PageRequest request) {
        Map<String, String> keep = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (!k.startsWith("page_") && !v.isEmpty()) {
                keep.put(k, v.get(0));
            }
        });
        int pageNumber = parsePageNumber(ctx.queryParam("page_number"));
        String base = baseUrl(ctx) + ctx.path();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", publicBase.self(ctx));
        links.put("first", url(base, keep, request.size(), 0, null));
        if (page.hasNext() && !page.items().isEmpty()) {
            String last = idOf.apply(page.items().get(page.items().size() - 1));
            links.put("next", url(base, keep, request.size(), pageNumber + 1, pageTokens.token(scope, last, false)));
        }
        if (page.hasPrev()) {
            String first = page.items().isEmpty() ? request.cursor() : idOf.apply(page.items().get(0));
            if (first != null) {
                links.put("prev", url(base, keep, request.size(), Math.max(0, pageNumber - 1),
                        pageTokens.token(scope, first, true)));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.items().stream().map(json).toList());
        body.put("links", links);
        Json.respond(ctx.status(200), body);
    }

    private static int parsePageNumber(String v) {
        return v != null && v.matches("\\d{1,9}") ? Integer.parseInt(v) : 0;
    }

    /**
     * Writes a list that is always whole (one page, no paging parameters): {"data": [...],
     * "links": {"self": ..., "first": ...}}, both links this request's public URL.
     */
    void wholeList(Context ctx, List<?> data) {
        String self = publicBase.self(ctx);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("first", self);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("links", links);
        Json.respond(ctx.status(200), body);
    }

    /** The base of absolute URLs: see {@link PublicBase}. */
    String baseUrl(Context ctx) {
        return publicBase.of(ctx);
    }

    private static String url(String base, Map<String, String> keep, int size, int number, String token) {
        StringBuilder sb = new StringBuilder(base).append("?page_number=").append(number).append("&page_size=")
                .append(size);
        if (token != null) {
            sb.append("&page_token=").append(token);
        }
        keep.forEach((k, v) -> sb.append('&').append(enc(k)).append('=').append(enc(v)));
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
