package dev.sipyard.routing;

import dev.sipyard.endpoint.CallHandler;
import java.util.Objects;

/**
 * What the engine knows about the calling endpoint, read from the database.
 *
 * @param effectiveHandler the handler after {@code default} was resolved through the profile; never
 *     {@link CallHandler#DEFAULT}
 * @param target what a resource or document handler names; null for the policies
 * @param pstnGateway the profile's PSTN gateway; null when there is none
 * @param sendAsUser the From user for PSTN legs (send_as already resolved)
 * @param displayName the caller_id display name; may be null
 */
public record CallerPolicy(CallHandler effectiveHandler, HandlerTarget target, GatewayRef pstnGateway,
        String sendAsUser, String displayName) {

    public CallerPolicy {
        Objects.requireNonNull(effectiveHandler, "effectiveHandler");
        if (effectiveHandler == CallHandler.DEFAULT) {
            throw new IllegalArgumentException("the effective handler must be resolved through the profile, not default");
        }
    }
}
