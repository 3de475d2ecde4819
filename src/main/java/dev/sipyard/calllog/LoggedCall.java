package dev.sipyard.calllog;

/**
 * One call leg as the call log keeps it (table {@code calls}). Times are epoch milliseconds;
 * the nullable ones are null until known. {@code decision} is the routing decision as the call
 * engine wrote it (JSON text or words).
 */
public record LoggedCall(
        String id,
        String projectId,
        String parentCallId,
        String direction,
        String from,
        String to,
        String callerName,
        String callerEndpointId,
        String phoneNumberId,
        String handler,
        String decision,
        String status,
        String reason,
        String sipCallId,
        Integer sipResultCode,
        long startTime,
        Long answerTime,
        Long endTime,
        Integer duration,
        long createdAt,
        long updatedAt) {}
