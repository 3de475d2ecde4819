package dev.sipyard.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.config.SettingsException;
import dev.sipyard.config.SettingsLoader;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Scrape;
import dev.sipyard.testing.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where /metrics is served: its own listener, nothing else on it, never on the REST API's port.
 * The database plays no part here, so these run on SQLite only.
 */
class MetricsListenerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void metricsAreOnTheirOwnListenerAndNotOnTheApiPort() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE)) {
            assertThat(server.metricsBaseUrl()).isNotEqualTo(server.baseUrl());
            Scrape s = Scrape.of(server.metricsBaseUrl() + "/metrics");
            assertThat(s.text()).contains("# TYPE sipyard_sip_registrations_total counter");

            assertThat(send("GET", server.baseUrl() + "/metrics").statusCode()).isEqualTo(404);
            assertThat(send("GET", server.metricsBaseUrl() + "/").statusCode()).isEqualTo(404);
            assertThat(send("GET", server.metricsBaseUrl() + "/api/healthz").statusCode()).isEqualTo(404);
            HttpResponse<String> post = send("POST", server.metricsBaseUrl() + "/metrics");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            HttpResponse<String> head = send("HEAD", server.metricsBaseUrl() + "/metrics");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void offMeansNoListener() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of(SettingsLoader.METRICS_ADDR, "off"))) {
            assertThat(server.server().metricsPort()).isEmpty();
            assertThat(send("GET", server.baseUrl() + "/metrics").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anInvalidSettingOrABusyPortStopsTheStartWithOneLine() throws Exception {
        assertThatThrownBy(() -> TestServer.start(Backend.SQLITE, Map.of(SettingsLoader.METRICS_ADDR, "everywhere")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("SIPYARD_METRICS_ADDR=everywhere is not host:port (for example 127.0.0.1:8080)");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String addr = "127.0.0.1:" + taken.getLocalPort();
            assertThatThrownBy(() -> TestServer.start(Backend.SQLITE, Map.of(SettingsLoader.METRICS_ADDR, addr)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot listen on SIPYARD_METRICS_ADDR=" + addr + ": ")
                    .hasMessageNotContaining("\n");
        }
    }

    private static HttpResponse<String> send(String method, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
