package dev.sipyard.calllog;

/**
 * A call leg to open in the call log.
 *
 * @param projectId             the project the call belongs to
 * @param parentCallId          the leg that dialled this one, or null
 * @param direction             {@code inbound} (placed by an endpoint or arriving from a carrier) or {@code outbound-dial}
 * @param from                  the caller (as shown in callbacks' {@code From})
 * @param to                    the dialled target ({@code To})
 * @param callerName            the caller's display name, or null
 * @param callerEndpointId      the endpoint placing the call, or null
 * @param phoneNumberId         the project's number the call arrived at, or null
 * @param sipCallId             the SIP Call-ID, or null
 * @param statusCallbackUrl     where status callbacks go, or null for none
 * @param statusCallbackMethod  {@code GET} or {@code POST} (null means POST)
 */
public record NewCall(String projectId, String parentCallId, String direction, String from, String to,
                      String callerName, String callerEndpointId, String phoneNumberId, String sipCallId,
                      String statusCallbackUrl, String statusCallbackMethod) {}
