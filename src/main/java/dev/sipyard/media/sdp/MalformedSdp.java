package dev.sipyard.media.sdp;

/** An SDP body we cannot read; the message is one line, fit for a SIP Reason header. */
public class MalformedSdp extends Exception {
    public MalformedSdp(String message) {
        super(message, null, false, false);
    }
}
