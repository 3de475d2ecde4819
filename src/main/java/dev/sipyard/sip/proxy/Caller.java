package dev.sipyard.sip.proxy;

/**
 * Who placed a call and what they dialled, as the call log and documents see it.
 *
 * @param projectId      the project the call belongs to
 * @param endpointId     the calling endpoint, or null for a call from a carrier
 * @param username       the calling endpoint's username, or null
 * @param phoneNumberId  the project's number a carrier call arrived at, or null
 * @param limitKey       what the call counts against in {@link CallLimits}
 * @param from           {@code From} of documents and callbacks
 * @param to             {@code To} of documents and callbacks
 * @param handler        the handler that decided, for the call log
 */
record Caller(String projectId, String endpointId, String username, String phoneNumberId, String limitKey,
              String from, String to, String handler) {}
