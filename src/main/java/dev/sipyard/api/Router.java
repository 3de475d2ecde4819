package dev.sipyard.api;

import io.javalin.config.RoutesConfig;

/** Registers project-authenticated routes: every route here first resolves the caller's project. */
final class Router {
    private final RoutesConfig routes;
    private final Requests requests;

    Router(RoutesConfig routes, Requests requests) {
        this.routes = routes;
        this.requests = requests;
    }

    void get(String path, Route route) {
        routes.get(path, ctx -> route.handle(ctx, requests.project(ctx)));
    }

    void post(String path, Route route) {
        routes.post(path, ctx -> route.handle(ctx, requests.project(ctx)));
    }

    void put(String path, Route route) {
        routes.put(path, ctx -> route.handle(ctx, requests.project(ctx)));
    }

    void patch(String path, Route route) {
        routes.patch(path, ctx -> route.handle(ctx, requests.project(ctx)));
    }

    void delete(String path, Route route) {
        routes.delete(path, ctx -> route.handle(ctx, requests.project(ctx)));
    }
}
