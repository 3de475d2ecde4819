package dev.sipyard.sip.transport;

import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;

/** Receives what comes back for requests this node sent: responses and transaction timeouts. */
public interface ClientEventHandler {
    void response(ResponseEvent event);

    void timeout(TimeoutEvent event);
}
