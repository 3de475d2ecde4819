package dev.sipyard.sip.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * baresip's ctrl_tcp module from the test's side: commands as netstring-framed JSON
 * ({@code {"command":"dial","params":"bob","token":"3"}}), and everything baresip sends back
 * (command responses and events such as {@code CALL_ESTABLISHED}) kept in arrival order.
 */
final class BaresipControl implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 1 << 20;

    private final Socket socket;
    private final OutputStream out;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Thread reader;

    private BaresipControl(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        this.reader = Thread.ofVirtual().name("baresip-ctrl").start(() -> readAll(in));
    }

    /** Connects once baresip listens on {@code port}; fails when {@code phone} exits or the time runs out. */
    static BaresipControl connect(int port, Process phone, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return new BaresipControl(s);
            } catch (ConnectException e) {
                if (!phone.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new AssertionError("baresip's ctrl_tcp never listened on port " + port
                            + (phone.isAlive() ? "" : " (baresip exited " + phone.exitValue() + ")"), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Sends a command and waits for its response; fails unless baresip reports it ok. */
    JsonNode command(String command, String params, long millis) throws Exception {
        String token = String.valueOf(tokens.incrementAndGet());
        byte[] body = JSON.writeValueAsBytes(Map.of("command", command, "params", params, "token", token));
        synchronized (out) {
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
        }
        JsonNode response = await(m -> m.path("response").asBoolean() && token.equals(m.path("token").asText()),
                millis);
        if (response == null || !response.path("ok").asBoolean()) {
            throw new AssertionError("baresip command '" + command + " " + params + "' answered " + response
                    + "; all messages: " + received);
        }
        return response;
    }

    /** The first event of {@code type} (e.g. CALL_CLOSED), waiting up to {@code millis}; null when none came. */
    JsonNode awaitEvent(String type, long millis) throws InterruptedException {
        return await(m -> m.path("event").asBoolean() && type.equals(m.path("type").asText()), millis);
    }

    private JsonNode await(Predicate<JsonNode> wanted, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            for (JsonNode m : received) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            if (System.currentTimeMillis() > deadline || !reader.isAlive()) {
                return null;
            }
            Thread.sleep(20);
        }
    }

    /** Every message so far, for failure messages. */
    List<JsonNode> messages() {
        return new ArrayList<>(received);
    }

    private void readAll(InputStream in) {
        try {
            while (true) {
                int length = readLength(in);
                if (length < 0) {
                    return;
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length || in.read() != ',') {
                    return;
                }
                received.add(JSON.readTree(body));
            }
        } catch (IOException e) {
            // the socket closed: nothing more will come
        }
    }

    /** The decimal length before a netstring's colon; -1 at the end of the stream. */
    private static int readLength(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != ':') {
            if (c < '0' || c > '9' || digits.size() > 7) {
                return -1;
            }
            digits.write(c);
        }
        if (digits.size() == 0) {
            return -1;
        }
        int length = Integer.parseInt(digits.toString(StandardCharsets.US_ASCII));
        return length > MAX_MESSAGE ? -1 : length;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
