package dev.sipyard.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import javax.sip.RequestEvent;

/** Answers the requests of one SIP method (or a family of them). */
public interface RequestHandler {
    void handle(RequestEvent event, SIPRequest request, String source) throws Exception;
}
