package dev.sipyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API describes itself: {@code GET /api/openapi.json} serves the hand-written OpenAPI 3.1
 * document ({@code openapi.yaml} beside this class), and {@code GET /api/docs} renders it with
 * the Swagger UI bundle shipped in the jar (no CDN). Neither needs credentials. The page names
 * its assets and the document relative to itself, so it also works behind a reverse proxy that
 * serves sipyard under a path prefix.
 */
final class ApiDocs {
    static final String OPENAPI = "/api/openapi.json";
    static final String DOCS = "/api/docs";

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>sipyard REST API</title>
              <link rel="stylesheet" href="docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="docs/favicon-32x32.png" sizes="32x32">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="docs/swagger-ui-bundle.js"></script>
              <script src="docs/init.js"></script>
            </body>
            </html>
            """;
    private static final String INIT = """
            window.ui = SwaggerUIBundle({ url: new URL("openapi.json", document.baseURI).href, dom_id: "#swagger-ui",
                deepLinking: true });
            """;

    private final String document;
    private final String webjarRoot;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    ApiDocs() {
        this.document = Json.write(load());
        this.webjarRoot = WEBJAR + swaggerUiVersion() + "/";
    }

    /** The OpenAPI document as parsed from openapi.yaml. */
    static JsonNode load() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the build");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.yaml cannot be read", e);
        }
    }

    void register(RoutesConfig routes) {
        routes.get(OPENAPI, ctx -> ctx.contentType("application/json").result(document));
        routes.get(DOCS, ctx -> {
            if (ctx.path().endsWith("/")) {
                // "/api/docs/": the page's relative links need "/api/docs"; relative, to keep a proxy's path prefix.
                ctx.redirect("../docs");
                return;
            }
            ctx.html(PAGE);
        });
        routes.get(DOCS + "/{file}", this::asset);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (file.equals("init.js")) {
            ctx.contentType("text/javascript; charset=utf-8").result(INIT);
            return;
        }
        String type = ASSETS.get(file);
        if (type == null) {
            throw Errors.notFound();
        }
        byte[] bytes = cache.computeIfAbsent(file, f -> read(webjarRoot + f));
        ctx.header("Cache-Control", "public, max-age=86400").contentType(type).result(bytes);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        Properties p = new Properties();
        try (InputStream in = ApiDocs.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }
}
