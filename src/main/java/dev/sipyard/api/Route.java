package dev.sipyard.api;

import io.javalin.http.Context;

/** A handler that runs for an authenticated project. */
@FunctionalInterface
interface Route {
    void handle(Context ctx, String projectId) throws Exception;
}
