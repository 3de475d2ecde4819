package dev.sipyard.resource;

import java.util.Map;

/** A resource row as kept: the envelope and the type's columns as strings (lists comma-separated, null = unset). */
record StoredResource(
        String id,
        String projectId,
        ResourceType type,
        String displayName,
        long createdAt,
        long updatedAt,
        Map<String, String> values) {}
