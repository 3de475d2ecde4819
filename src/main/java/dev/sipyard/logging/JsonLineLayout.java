package dev.sipyard.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per log line ({@code SIPYARD_LOG_FORMAT=json}): {@code ts}, {@code level},
 * {@code logger}, {@code msg}, then the event's SLF4J key-value pairs (numbers and booleans as
 * JSON numbers and booleans, anything else as a string), then every MDC entry (such as
 * {@code call_sid}) whose name is not already there, and for an exception only its class and
 * message ({@code error}), never a stack trace.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        out.append(',');
        field(out, "level", event.getLevel().toString());
        out.append(',');
        field(out, "logger", event.getLoggerName());
        out.append(',');
        field(out, "msg", event.getFormattedMessage());
        Set<String> named = new HashSet<>(List.of("ts", "level", "logger", "msg", "error"));
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair p : pairs) {
                if (p.key != null && named.add(p.key)) {
                    out.append(',');
                    value(out, p.key, p.value);
                }
            }
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            for (Map.Entry<String, String> e : mdc.entrySet()) {
                if (named.add(e.getKey())) {
                    out.append(',');
                    field(out, e.getKey(), e.getValue());
                }
            }
        }
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            out.append(',');
            field(out, "error", t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
        return out.append("}\n").toString();
    }

    private static void value(StringBuilder out, String name, Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            string(out, name);
            out.append(':').append(value);
        } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            string(out, name);
            out.append(':').append(n);
        } else {
            field(out, name, value == null ? null : value.toString());
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        string(out, name);
        out.append(':');
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
    }

    /** {@code s} as a JSON string: quotes, backslashes and every control character escaped. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
