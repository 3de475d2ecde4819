package dev.sipyard.resource;

import java.util.Map;

/**
 * A call-handling resource as users see it. {@code attributes} holds the type's own fields in
 * representation order (strings, lists of strings or null); codec and cipher lists are the
 * effective ones (the SIP profile's where the resource sets none). A SIP gateway adds its
 * credentials' {@code username} and {@code password_set} (a Boolean), never the password.
 */
public record Resource(
        String id,
        String projectId,
        ResourceType type,
        String displayName,
        long createdAt,
        long updatedAt,
        Map<String, Object> attributes) {}
