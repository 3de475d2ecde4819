package dev.sipyard.endpoint;

import dev.sipyard.project.SipProfile;
import java.util.List;

/** The SIP profile's values an endpoint falls back to where it sets none (send_as, ciphers, codecs). */
record ProfileDefaults(String sendAs, List<String> ciphers, List<String> codecs) {

    static ProfileDefaults of(SipProfile profile) {
        return new ProfileDefaults(profile.defaultSendAs(), profile.defaultCiphers(), profile.defaultCodecs());
    }

    /** The endpoint as users see it: its own values, else these defaults ({@code send_as} finally "random"). */
    SipEndpoint view(StoredEndpoint e) {
        String effectiveSendAs = e.sendAs() != null ? e.sendAs() : sendAs != null ? sendAs : "random";
        return new SipEndpoint(e.id(), e.projectId(), e.username(), e.callerId(), effectiveSendAs,
                e.ciphers() != null ? e.ciphers() : ciphers, e.codecs() != null ? e.codecs() : codecs,
                e.encryption(), e.callHandler(), e.handlerFields(), e.createdAt(), e.updatedAt());
    }
}
