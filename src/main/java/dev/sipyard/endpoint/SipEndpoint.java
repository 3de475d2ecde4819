package dev.sipyard.endpoint;

import java.util.List;
import java.util.Map;

/**
 * An endpoint as users see it: {@code sendAs}, {@code ciphers} and {@code codecs} are the
 * effective values (the SIP profile's where the endpoint sets none). Handler fields not used by
 * {@code callHandler} are absent from {@code handlerFields}. Never carries a password or hash.
 */
public record SipEndpoint(
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
        long createdAt,
        long updatedAt) {}
