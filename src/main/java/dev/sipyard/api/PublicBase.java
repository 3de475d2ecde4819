package dev.sipyard.api;

import io.javalin.http.Context;

/**
 * The one place that decides how the API names itself in absolute URLs (list links, media URLs):
 * {@code SIPYARD_PUBLIC_URL} when set (a path prefix such as {@code https://voice.example.com/base}
 * is kept, so links go through the reverse proxy that serves the API there), else the scheme and
 * {@code Host} of the request itself.
 */
final class PublicBase {
    private final String configured;

    /** @param configured the public URL without a trailing slash, or null to follow each request */
    PublicBase(String configured) {
        this.configured = configured;
    }

    /** The base URL, without a trailing slash: prefix it to a path such as {@code /api/...}. */
    String of(Context ctx) {
        if (configured != null) {
            return configured;
        }
        String host = ctx.host();
        return ctx.scheme() + "://" + (host == null || host.isBlank() ? "localhost" : host);
    }

    /** The absolute URL of this request as a client of the public base would write it, query included. */
    String self(Context ctx) {
        String query = ctx.queryString();
        return of(ctx) + ctx.path() + (query == null ? "" : "?" + query);
    }
}
