package dev.sipyard.sip.transport;

import dev.sipyard.sip.registrar.ContactSpec;
import java.util.List;

/**
 * A REGISTER over UDP as {@link LeanRegisterParser} read it: what the registrar needs, and the
 * header values a response copies, as received.
 *
 * @param requestUri     the Request-URI as received
 * @param vias           every Via value, top first, one hop each
 * @param viaBranch      the top Via's branch parameter (null when absent)
 * @param viaSentBy      the top Via's sent-by, {@code host[:port]} as received
 * @param viaHost        the top Via's host
 * @param viaPort        the top Via's port, or -1 when it has none
 * @param viaRport       the top Via has an {@code rport} parameter (RFC 3581)
 * @param from           the From value as received
 * @param to             the To value as received
 * @param toTagged       the To value has a tag
 * @param toUser         user part of the To URI (null when it has none)
 * @param toHost         host part of the To URI
 * @param callId         Call-ID
 * @param cseq           the CSeq number
 * @param wildcard       {@code Contact: *}
 * @param contacts       the Contact URIs with their expires parameter
 * @param expires        the Expires header, or null
 * @param authorizations every Authorization value
 * @param userAgent      the User-Agent value, or null
 */
record LeanRegister(String requestUri, List<String> vias, String viaBranch, String viaSentBy, String viaHost,
                    int viaPort, boolean viaRport, String from, String to, boolean toTagged, String toUser,
                    String toHost, String callId, long cseq, boolean wildcard, List<ContactSpec> contacts,
                    Long expires, List<String> authorizations, String userAgent) {
}
