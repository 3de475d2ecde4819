package dev.sipyard.sip.registrar;

import java.util.List;

/**
 * A REGISTER as the registrar needs it, free of any SIP stack's types.
 *
 * @param transport      UDP, TCP, TLS, WS or WSS
 * @param sourceAddress  where the request came from (IP)
 * @param localAddress   the server address it arrived at (IP)
 * @param requestUri     the Request-URI as received
 * @param toUser         user part of the To URI (null when it has none)
 * @param toHost         host part of the To URI
 * @param wildcard       {@code Contact: *}
 * @param contacts       the Contact URIs (empty for a query or a wildcard)
 * @param expires        the Expires header (null when absent)
 * @param authorizations every Authorization header value
 */
public record RegisterRequest(String transport, String sourceAddress, int sourcePort, String localAddress,
                              int localPort, String requestUri, String toUser, String toHost, String callId,
                              long cseq, boolean wildcard, List<ContactSpec> contacts, Long expires,
                              List<String> authorizations, String userAgent) {}
