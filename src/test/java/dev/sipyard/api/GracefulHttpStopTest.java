package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.project.NewProject;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Await;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A stopping server finishes the HTTP requests in progress instead of cutting their connections. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GracefulHttpStopTest {

    @Test
    void aRequestStillArrivingWhenTheServerStopsIsAnswered() throws Exception {
        TestServer server = TestServer.start(Backend.SQLITE);
        Thread stopping = null;
        try {
            NewProject p = server.createProject("graceful");
            URI base = URI.create(server.baseUrl());
            String body = "{\"username\":\"alice\",\"password\":\"correct-horse-battery\"}";
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                out.write(("POST /api/fabric/resources/sip_endpoints HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                        + "Authorization: " + "Basic " + ApiClient.basic(p.project().id(), p.token()) + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                        + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // the interim answer comes when the handler starts reading the body: the request is in progress
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
                assertThat(in.readLine()).isEmpty();

                stopping = Thread.ofVirtual().start(server::close);
                Await.until("the server stops taking connections", () -> refused(base));
                assertThat(stopping.isAlive()).as("the stop waits for the request in progress").isTrue();

                out.write(body.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 201 Created");
            }
            stopping.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(stopping.isAlive()).as("then the stop finishes").isFalse();
        } finally {
            if (stopping == null) {
                server.close();
            }
        }
    }

    private static boolean refused(URI base) {
        try (Socket probe = new Socket(base.getHost(), base.getPort())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
