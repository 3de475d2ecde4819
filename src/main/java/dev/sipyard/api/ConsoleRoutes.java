package dev.sipyard.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The web console at {@code /console}: static HTML, CSS and JavaScript bundled in the jar
 * ({@code dev/sipyard/console/}), served with a strict Content-Security-Policy. The console holds
 * no privilege of its own: the page calls the same {@code /api} routes as any client, with the
 * project id and token the user types in (HTTP Basic). Every URL the page uses is relative to
 * where it was loaded from (the API is at {@code ../api/} from the console folder), so the console
 * works at the root and behind a reverse proxy that serves sipyard under a path prefix.
 *
 * <p>Served as static files rather than routes, so the API's route list (which the OpenAPI
 * document must match) stays the API's.
 */
final class ConsoleRoutes {
    static final String PATH = "/console";

    /**
     * Scripts and styles only from this origin (no inline script or style), API calls only to
     * this origin, images from this origin or data URLs, no framing, no form posts, no plugins.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache");

    void register(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = PATH;
            files.directory = "/dev/sipyard/console";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
        // "/console" without the slash: the page's relative links need the directory form. The
        // Location is relative ("console/"), so that behind a reverse proxy serving sipyard under a
        // path prefix the browser stays under that prefix.
        config.routes.before(PATH, ctx -> {
            if (ctx.path().equals(PATH)) {
                ctx.redirect("console/");
            }
        });
    }
}
