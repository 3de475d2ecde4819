package dev.sipyard.calllog;

/**
 * The columns of a {@code calls} row that a status change reads and writes.
 * {@code callbackSequence} is the stored value: the SequenceNumber of the row's next callback.
 */
record CallRow(String id, String projectId, String parentCallId, String direction, String from, String to,
               String callerName, String status, String statusCallbackUrl, String statusCallbackMethod,
               int callbackSequence, long startTime, Long answerTime, Long endTime, Long duration,
               Integer sipResultCode, String reason) {

    CallRow moved(String newStatus) {
        return new CallRow(id, projectId, parentCallId, direction, from, to, callerName, newStatus,
                statusCallbackUrl, statusCallbackMethod, callbackSequence, startTime, answerTime, endTime, duration,
                sipResultCode, reason);
    }

    CallRow answeredAt(long at) {
        return new CallRow(id, projectId, parentCallId, direction, from, to, callerName, status,
                statusCallbackUrl, statusCallbackMethod, callbackSequence, startTime, at, endTime, duration,
                sipResultCode, reason);
    }

    /** Ended at {@code at}: the duration is whole seconds from the answer (rounded), 0 if never answered. */
    CallRow endedAt(long at, Integer code, String why) {
        long seconds = answerTime == null ? 0 : Math.max(0, (at - answerTime + 500) / 1000);
        return new CallRow(id, projectId, parentCallId, direction, from, to, callerName, status,
                statusCallbackUrl, statusCallbackMethod, callbackSequence, startTime, answerTime, at, seconds, code,
                why);
    }

    CallRow withCallbackSequence(int sequence) {
        return new CallRow(id, projectId, parentCallId, direction, from, to, callerName, status,
                statusCallbackUrl, statusCallbackMethod, sequence, startTime, answerTime, endTime, duration,
                sipResultCode, reason);
    }
}
