package dev.sipyard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The pure rules of the SIP log: levels, and what of a request's target may be written. */
class SipLogTest {
    private static final AddressFactory ADDRESSES;

    static {
        try {
            ADDRESSES = SipFactory.getInstance().createAddressFactory();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void aTargetLosesItsPasswordParametersAndHeaders() throws Exception {
        assertThat(SipLog.withoutCredentials(ADDRESSES.createURI(
                "sip:carrier-user:gw-Secret-9@gw.example.net:5080;transport=tcp;x-key=abc?Subject=x")))
                .isEqualTo("sip:carrier-user@gw.example.net:5080");
        assertThat(SipLog.withoutCredentials(ADDRESSES.createURI("sips:bob@10.0.0.7")))
                .isEqualTo("sips:bob@10.0.0.7");
        assertThat(SipLog.withoutCredentials(ADDRESSES.createURI("sip:gw.example.net")))
                .isEqualTo("sip:gw.example.net");
        assertThat(SipLog.withoutCredentials(ADDRESSES.createURI("tel:+15551234567")))
                .isEqualTo("tel:+15551234567");
        assertThat(SipLog.withoutCredentials(null)).isNull();
    }

    @Test
    void anOutgoingInvitesResultIsInfoAndTheRestDebug() {
        assertThat(SipLog.outLevelOf("INVITE")).isEqualTo(Level.INFO);
        assertThat(SipLog.outLevelOf("CANCEL")).isEqualTo(Level.DEBUG);
        assertThat(SipLog.outLevelOf("BYE")).isEqualTo(Level.DEBUG);
        assertThat(SipLog.outLevelOf("INFO")).isEqualTo(Level.DEBUG);
    }

    @Test
    void aCancelsResultIsInfoWhetherItMatchedACallOrNot() {
        assertThat(SipLog.levelOf("CANCEL", 200)).isEqualTo(Level.INFO);
        assertThat(SipLog.levelOf("CANCEL", 481)).isEqualTo(Level.INFO);
    }
}
