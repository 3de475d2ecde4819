package dev.sipyard.resource;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Answers "what is resource X of project P?" for the fields that point at resources
 * ({@code calling_handler_resource_id}, {@code call_laml_application_id}, the profile's
 * handler and PSTN gateway). An id of another project is answered exactly like an unknown
 * one, so ids of other projects cannot be probed.
 */
public final class ResourceDirectory {

    /** The kinds of resource a field may point at. */
    public enum Kind {
        SIP_ENDPOINT,
        CXML_WEBHOOK,
        SWML_WEBHOOK,
        CXML_APPLICATION,
        SIP_GATEWAY
    }

    /** The kind of resource {@code id} is in {@code projectId}, looked up in the caller's transaction. */
    public Optional<Kind> kindOf(Handle h, String projectId, String id) {
        boolean endpoint = h.createQuery("SELECT 1 FROM sip_endpoints WHERE id = :id AND project_id = :p")
                .bind("id", id).bind("p", projectId).mapTo(Integer.class).findOne().isPresent();
        return endpoint ? Optional.of(Kind.SIP_ENDPOINT) : Optional.empty();
    }

    public boolean canHandleCalls(Kind kind) {
        return kind == Kind.SIP_ENDPOINT;
    }
}
