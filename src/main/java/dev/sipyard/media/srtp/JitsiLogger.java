package dev.sipyard.media.srtp;

import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.jitsi.utils.logging2.Logger;
import org.slf4j.LoggerFactory;

/**
 * jitsi-srtp's logger, routed to SLF4J at DEBUG (TRACE for its trace). jitsi reports per-packet conditions such
 * as replays at ERROR; here they are ordinary events of a hostile network, which {@link SrtpContext} reports as a
 * null result for the media engine to count, so they must not flood the log.
 */
final class JitsiLogger implements Logger {
    static final JitsiLogger INSTANCE = new JitsiLogger();
    private static final org.slf4j.Logger log = LoggerFactory.getLogger("dev.sipyard.media.srtp.jitsi");

    private JitsiLogger() {}

    private static void debug(Supplier<String> message, Throwable t) {
        if (log.isDebugEnabled()) {
            log.debug(message.get(), t);
        }
    }

    @Override
    public Logger createChildLogger(String name, Map<String, String> context) {
        return this;
    }

    @Override
    public Logger createChildLogger(String name) {
        return this;
    }

    @Override
    public void setUseParentHandlers(boolean useParentHandlers) {}

    @Override
    public void addHandler(Handler handler) {}

    @Override
    public void removeHandler(Handler handler) {}

    @Override
    public boolean isTraceEnabled() {
        return log.isTraceEnabled();
    }

    @Override
    public void trace(Object message) {
        log.trace("{}", message);
    }

    @Override
    public void trace(Supplier<String> message) {
        if (log.isTraceEnabled()) {
            log.trace(message.get());
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void debug(Object message) {
        log.debug("{}", message);
    }

    @Override
    public void debug(Supplier<String> message) {
        debug(message, null);
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void info(Object message) {
        debug(message);
    }

    @Override
    public void info(Supplier<String> message) {
        debug(message, null);
    }

    @Override
    public boolean isWarnEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void warn(Object message) {
        debug(message);
    }

    @Override
    public void warn(Supplier<String> message) {
        debug(message, null);
    }

    @Override
    public void warn(Object message, Throwable t) {
        debug(() -> String.valueOf(message), t);
    }

    @Override
    public void error(Object message) {
        debug(message);
    }

    @Override
    public void error(Supplier<String> message) {
        debug(message, null);
    }

    @Override
    public void error(Object message, Throwable t) {
        debug(() -> String.valueOf(message), t);
    }

    @Override
    public void setLevelError() {}

    @Override
    public void setLevelWarn() {}

    @Override
    public void setLevelInfo() {}

    @Override
    public void setLevelDebug() {}

    @Override
    public void setLevelTrace() {}

    @Override
    public void setLevelAll() {}

    @Override
    public void setLevelOff() {}

    @Override
    public void setLevel(Level level) {}

    @Override
    public Level getLevel() {
        return Level.FINE;
    }

    @Override
    public void addContext(Map<String, String> context) {}

    @Override
    public void addContext(String key, String value) {}
}
