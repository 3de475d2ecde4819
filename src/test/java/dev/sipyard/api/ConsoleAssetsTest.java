package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.TestServer;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's files as the server serves them: from the jar, each with the strict
 * Content-Security-Policy, nothing from another origin, no inline script, no HTML built from
 * strings, no way out of the console folder, and no console route in the API's route list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAssetsTest {
    private static final List<String> FILES = List.of("index.html", "app.js", "qr.js", "style.css");
    /** Ways of turning text into markup or code, none of which the console may use. */
    private static final Pattern UNSAFE = Pattern.compile(
            "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function|localStorage\\.set");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)");
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=");

    private TestServer server;
    private ApiClient anon;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.SQLITE);
        anon = server.anonymous();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void consoleWithoutSlashRedirectsToTheFolder() {
        HttpResult r = anon.get("/console");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).as("relative, to keep a reverse proxy's path prefix").isEqualTo("console/");
    }

    @Test
    void everyFileIsServedWithTheStrictPolicyAndNoOtherOrigin() {
        for (String file : FILES) {
            HttpResult r = anon.get("/console/" + file);
            assertThat(r.status()).as(file).isEqualTo(200);
            assertThat(r.header("Content-Security-Policy")).as(file).isEqualTo(ConsoleRoutes.CONTENT_SECURITY_POLICY);
            assertThat(r.header("X-Content-Type-Options")).as(file).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).as(file).isEqualTo("no-referrer");
            String body = r.body().replace("http://www.w3.org/2000/svg", "SVG_NAMESPACE");
            assertThat(body).as(file).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
            assertThat(UNSAFE.matcher(body).find()).as(file + " builds markup or code from strings").isFalse();
        }
        assertThat(anon.get("/console/app.js").header("Content-Type")).startsWith("text/javascript");
        assertThat(anon.get("/console/style.css").header("Content-Type")).startsWith("text/css");
        assertThat(ConsoleRoutes.CONTENT_SECURITY_POLICY).contains("script-src 'self';").doesNotContain("unsafe");
    }

    @Test
    void theIndexPageHasNoInlineScriptOrStyle() {
        HttpResult index = anon.get("/console/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).startsWith("text/html");
        assertThat(index.header("Content-Security-Policy")).isEqualTo(ConsoleRoutes.CONTENT_SECURITY_POLICY);
        assertThat(index.body()).contains("<script src=\"app.js\" defer></script>");
        assertThat(INLINE_SCRIPT.matcher(index.body()).find()).isFalse();
        assertThat(INLINE_STYLE.matcher(index.body()).find()).isFalse();
    }

    @Test
    void nothingOutsideTheConsoleFolderIsServed() {
        assertThat(anon.get("/console/nope.js").status()).isEqualTo(404);
        assertThat(anon.get("/console/..%2Fapi%2Fopenapi.yaml").status()).isEqualTo(404);
        assertThat(anon.get("/console/%2e%2e/api/openapi.yaml").status()).isEqualTo(404);
        // Jetty refuses a path that climbs above the root before any handler sees it.
        assertThat(anon.get("/console/../../dev/sipyard/api/openapi.yaml").status()).isEqualTo(400);
    }

    @Test
    void theConsoleAddsNoRouteToTheApi() {
        assertThat(server.server().apiRoutes()).noneMatch(r -> r.contains("/console") && !r.startsWith("BEFORE"));
    }
}
