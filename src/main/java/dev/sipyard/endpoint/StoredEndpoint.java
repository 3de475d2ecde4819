package dev.sipyard.endpoint;

import java.util.List;
import java.util.Map;

/** An endpoint row as kept: null lists and send_as mean "the profile's". Package-private to the endpoint code. */
record StoredEndpoint(
        String id,
        String projectId,
        String username,
        String callerId,
        String sendAs,
        List<String> ciphers,
        List<String> codecs,
        String encryption,
        CallHandler callHandler,
        Map<HandlerField, String> handlerFields,
        long credentialVersion,
        long createdAt,
        long updatedAt) {}
