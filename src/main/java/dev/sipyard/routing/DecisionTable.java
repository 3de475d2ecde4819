package dev.sipyard.routing;

import dev.sipyard.routing.Decision.Refuse;
import dev.sipyard.routing.Decision.Relay;
import dev.sipyard.routing.Decision.Ring;
import dev.sipyard.routing.Decision.RunCxml;
import dev.sipyard.routing.Decision.RunSwml;
import dev.sipyard.routing.DialledTarget.Classified;
import dev.sipyard.routing.DialledTarget.Kind;

/** CALLS.md "The decision table": the caller's effective handler and the dialled target decide. */
public final class DecisionTable {
    static final int MAX_REASON_TEXT = 200;

    private DecisionTable() {}

    /** The decision for a call placed by {@code caller} to {@code target}. */
    public static Decision decide(CallerPolicy caller, Classified target) {
        return switch (caller.effectiveHandler()) {
            case PASSTHROUGH -> policy(caller, target, true);
            case BLOCK_PSTN -> policy(caller, target, false);
            case RESOURCE -> resource(caller, target);
            case LAML_WEBHOOKS, LAML_APPLICATION -> caller.target() instanceof HandlerTarget.CxmlDocument d
                    ? new RunCxml(d.source()) : misconfigured(caller);
            case RELAY_SCRIPT -> caller.target() instanceof HandlerTarget.SwmlDocument d
                    ? new RunSwml(d.source()) : misconfigured(caller);
            default -> new Refuse(501,
                    "Call handler " + caller.effectiveHandler().wireName() + " is not available on this server");
        };
    }

    private static Decision policy(CallerPolicy caller, Classified target, boolean pstnAllowed) {
        return switch (target.kind()) {
            case ENDPOINT -> new Ring(target.endpointId(), target.user());
            case UNKNOWN -> new Refuse(404, "No endpoint or number " + target.dialled() + " in this project");
            case PSTN -> {
                if (!pstnAllowed) {
                    yield new Refuse(403, "PSTN calls are blocked for this endpoint");
                }
                if (caller.pstnGateway() == null) {
                    yield new Refuse(503, "No PSTN gateway configured for this project");
                }
                yield new Relay(caller.pstnGateway(), target.user(), caller.sendAsUser(), caller.displayName());
            }
        };
    }

    private static Decision resource(CallerPolicy caller, Classified target) {
        return switch (caller.target()) {
            case HandlerTarget.Endpoint e -> new Ring(e.endpointId(), e.username());
            case HandlerTarget.Gateway g -> new Relay(g.gateway(),
                    target.kind() == Kind.PSTN ? target.user() : target.dialled(),
                    caller.sendAsUser(), caller.displayName());
            case HandlerTarget.CxmlDocument d -> new RunCxml(d.source());
            case HandlerTarget.SwmlDocument d -> new RunSwml(d.source());
            case null -> misconfigured(caller);
        };
    }

    private static Refuse misconfigured(CallerPolicy caller) {
        return new Refuse(500, "Call handler " + caller.effectiveHandler().wireName()
                + " of this endpoint names no usable resource or document");
    }

    /**
     * The value of a SIP {@code Reason} header (RFC 3326): {@code SIP ;cause=403 ;text="..."}. Control
     * characters become spaces, quotes and backslashes are escaped, and long text is cut short.
     */
    public static String reasonHeader(int status, String text) {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("not a SIP status: " + status);
        }
        return "SIP ;cause=" + status + " ;text=\"" + quotable(text == null ? "" : text) + "\"";
    }

    private static String quotable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_REASON_TEXT).forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                out.append(' ');
            } else if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
