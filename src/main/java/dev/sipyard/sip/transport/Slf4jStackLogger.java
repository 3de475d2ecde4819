package dev.sipyard.sip.transport;

import gov.nist.core.LogLevels;
import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JAIN-SIP's own logging to SLF4J (logger {@code gov.nist.javax.sip}); it would otherwise
 * want log4j 1. The stack likes to quote whole messages and packets, which may carry digest
 * credentials and let a peer flood the log, so every line is cut to its first line and 200 characters,
 * and the lines known to quote a peer's message keep only their opening words.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");
    private static final int MAX = 200;

    /** Lines the stack starts with a quote of the peer's message; only these words are kept. */
    private static final java.util.List<String> QUOTING = java.util.List.of("bad message", ">>> Dropped Bad Msg",
            "BAD MESSAGE", "Rejecting message", "Problem parsing message", "Unparsed message", "Parsing issue");

    static String clean(String message) {
        if (message == null) {
            return "";
        }
        for (String quoting : QUOTING) {
            if (message.regionMatches(true, 0, quoting, 0, quoting.length())) {
                return quoting + " (content withheld)";
            }
        }
        String m = message;
        int packet = m.indexOf("packet[");
        if (packet >= 0) {
            m = m.substring(0, packet + 6) + " (bytes withheld)";
        }
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c == '\r' || c == '\n') {
                m = m.substring(0, i) + " ...";
                break;
            }
        }
        return m.length() > MAX ? m.substring(0, MAX) + " ..." : m;
    }

    @Override
    public void logStackTrace() {}

    @Override
    public void logStackTrace(int traceLevel) {}

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        log.debug("SIP stack exception", ex);
    }

    @Override
    public void logDebug(String message) {
        log.debug(clean(message));
    }

    @Override
    public void logDebug(String message, Exception ex) {
        log.debug(clean(message), ex);
    }

    @Override
    public void logTrace(String message) {
        log.trace(clean(message));
    }

    @Override
    public void logFatalError(String message) {
        log.error(clean(message));
    }

    @Override
    public void logError(String message) {
        log.info(clean(message)); // nearly always a peer's bad input: not worth a warning each time
    }

    @Override
    public boolean isLoggingEnabled() {
        return log.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return switch (logLevel) {
            case LogLevels.TRACE_FATAL, LogLevels.TRACE_ERROR -> log.isErrorEnabled();
            case LogLevels.TRACE_WARN -> log.isWarnEnabled();
            case LogLevels.TRACE_INFO -> log.isInfoEnabled();
            case LogLevels.TRACE_DEBUG -> log.isDebugEnabled();
            default -> log.isTraceEnabled();
        };
    }

    @Override
    public void logError(String message, Exception ex) {
        // The stack reports a peer's bad input as errors; a stack trace here would be noise, not news.
        log.info("{}: {}", clean(message), clean(String.valueOf(ex)));
        log.debug("detail", ex);
    }

    @Override
    public void logWarning(String string) {
        log.info(clean(string)); // the stack's warnings are mostly start-up chatter about settings we set on purpose
    }

    @Override
    public void logInfo(String string) {
        log.debug(clean(string));
    }

    @Override
    public void disableLogging() {}

    @Override
    public void enableLogging() {}

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {}

    @Override
    public void setStackProperties(Properties stackProperties) {}

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}
