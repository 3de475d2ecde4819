package dev.sipyard.api;

import io.javalin.config.RoutesConfig;

/**
 * Registers project-authenticated routes: every route here first resolves the caller's project and
 * counts the request against its budget (writes: POST, PUT, PATCH, DELETE; reads: GET).
 */
final class Router {
    private final RoutesConfig routes;
    private final Requests requests;

    Router(RoutesConfig routes, Requests requests) {
        this.routes = routes;
        this.requests = requests;
    }

    void get(String path, Route route) {
        routes.get(path, ctx -> route.handle(ctx, requests.admit(ctx, false)));
    }

    void post(String path, Route route) {
        routes.post(path, ctx -> route.handle(ctx, requests.admit(ctx, true)));
    }

    void put(String path, Route route) {
        routes.put(path, ctx -> route.handle(ctx, requests.admit(ctx, true)));
    }

    void patch(String path, Route route) {
        routes.patch(path, ctx -> route.handle(ctx, requests.admit(ctx, true)));
    }

    void delete(String path, Route route) {
        routes.delete(path, ctx -> route.handle(ctx, requests.admit(ctx, true)));
    }
}
