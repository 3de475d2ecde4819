package dev.sipyard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLineLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Logger logger = new LoggerContext().getLogger("dev.sipyard.sip.Test");

    @Test
    void aLineIsOneJsonObjectWithTheMessageEscapedAndTheMdc() throws Exception {
        LoggingEvent e = new LoggingEvent("x", logger, Level.WARN, "caller {} sent \"{}\"",
                null, new Object[] {"alice", "a\nb\u0001\\"});
        e.setMDCPropertyMap(Map.of("call_sid", "CA123"));
        e.setTimeStamp(0);

        String line = new JsonLineLayout().doLayout(e);

        assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
        JsonNode n = JSON.readTree(line);
        assertThat(n.get("ts").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(n.get("level").asText()).isEqualTo("WARN");
        assertThat(n.get("logger").asText()).isEqualTo("dev.sipyard.sip.Test");
        assertThat(n.get("msg").asText()).isEqualTo("caller alice sent \"a\nb\u0001\\\"");
        assertThat(n.get("call_sid").asText()).isEqualTo("CA123");
    }

    @Test
    void anExceptionIsItsClassAndMessageNeverItsStack() throws Exception {
        LoggingEvent e = new LoggingEvent("x", logger, Level.ERROR, "failed", new IllegalStateException("db gone"),
                null);
        e.setMDCPropertyMap(Map.of());

        String line = new JsonLineLayout().doLayout(e);

        assertThat(JSON.readTree(line).get("error").asText()).isEqualTo("java.lang.IllegalStateException: db gone");
        assertThat(line).doesNotContain("at dev.sipyard").hasLineCount(1);
    }

    @Test
    void keyValuePairsAreFieldsNumbersAsNumbersAndTheyWinOverTheMdc() throws Exception {
        LoggingEvent e = new LoggingEvent("x", logger, Level.INFO, "GET / 200", null, null);
        e.addKeyValuePair(new KeyValuePair("status", 200));
        e.addKeyValuePair(new KeyValuePair("duration_ms", 12L));
        e.addKeyValuePair(new KeyValuePair("ok", true));
        e.addKeyValuePair(new KeyValuePair("project_id", null));
        e.addKeyValuePair(new KeyValuePair("call_sid", "CA-from-pair"));
        e.addKeyValuePair(new KeyValuePair("msg", "must not replace the message"));
        e.setMDCPropertyMap(Map.of("call_sid", "CA-from-mdc", "request_id", "r1"));

        String line = new JsonLineLayout().doLayout(e);

        JsonNode n = JSON.readTree(line);
        assertThat(n.get("status").isInt()).isTrue();
        assertThat(n.get("status").asInt()).isEqualTo(200);
        assertThat(n.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(n.get("ok").isBoolean()).isTrue();
        assertThat(n.get("project_id").isNull()).isTrue();
        assertThat(n.get("call_sid").asText()).isEqualTo("CA-from-pair");
        assertThat(n.get("request_id").asText()).isEqualTo("r1");
        assertThat(n.get("msg").asText()).isEqualTo("GET / 200");
        assertThat(line.split("\"call_sid\"", -1)).as("one call_sid field").hasSize(2);
        assertThat(line.split("\"msg\"", -1)).as("one msg field").hasSize(2);
    }
}
