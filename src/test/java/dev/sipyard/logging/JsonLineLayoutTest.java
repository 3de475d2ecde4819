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
}
