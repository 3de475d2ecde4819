package dev.sipyard.routing;

/**
 * What a call arriving from a carrier to one of the project's numbers does (CALLS.md "Calls
 * arriving from a SIP gateway"): the number's handler names an endpoint to ring or a document to
 * run; a handler this server cannot run is a 501, no handler a 404.
 */
public final class InboundDecisions {
    private InboundDecisions() {}

    /**
     * @param number       the dialled number, for Reason texts
     * @param handlerName  the number's call_handler, null when it has none
     * @param routesCalls  whether this server can run that handler
     * @param target       what the handler points at (null when it points at nothing usable)
     */
    public static Decision decide(String number, String handlerName, boolean routesCalls, HandlerTarget target) {
        if (handlerName == null) {
            return new Decision.Refuse(404, "The number " + number + " has no call handler");
        }
        if (!routesCalls) {
            return new Decision.Refuse(501, "Call handler " + handlerName + " is not available on this server");
        }
        if (target == null) {
            return new Decision.Refuse(500, "Call handler " + handlerName + " of " + number
                    + " names no usable resource or document");
        }
        return switch (target) {
            case HandlerTarget.Endpoint e -> new Decision.Ring(e.endpointId(), e.username());
            case HandlerTarget.CxmlDocument c -> new Decision.RunCxml(c.source());
            case HandlerTarget.SwmlDocument s -> new Decision.RunSwml(s.source());
            case HandlerTarget.Gateway g -> new Decision.Refuse(500, "Call handler " + handlerName + " of " + number
                    + " names a gateway, which cannot take inbound calls");
        };
    }
}
