package dev.sipyard.sip.auth;

import java.util.List;

/**
 * What digest authentication needs of a request, free of any SIP stack's types.
 *
 * @param method         the SIP method (part of the digest)
 * @param requestUri     the Request-URI as received
 * @param user           the user being authenticated: To user (REGISTER) or From user (INVITE, ...)
 * @param userHeader     "To" or "From", for log lines
 * @param authorizations every Authorization (REGISTER) or Proxy-Authorization (others) header value
 */
public record AuthRequest(String method, String requestUri, String user, String userHeader, String sourceAddress,
                          int sourcePort, String localAddress, int localPort, List<String> authorizations,
                          String userAgent) {}
