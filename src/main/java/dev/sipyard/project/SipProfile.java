package dev.sipyard.project;

import java.util.List;

/** A project's SIP defaults, which endpoints use where they set nothing of their own. */
public record SipProfile(
        String projectId,
        String domainIdentifier,
        String domain,
        String realm,
        List<String> defaultCodecs,
        List<String> defaultCiphers,
        String defaultEncryption,
        String defaultSendAs,
        String defaultCallHandler,
        String defaultCallingHandlerResourceId,
        String pstnGatewayId) {}
