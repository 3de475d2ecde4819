package dev.sipyard.sip.transport;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;

/** JAIN-SIP's message logger, switched off: messages carry digest credentials and must not reach logs. */
public final class QuietServerLogger implements ServerLogger {
    @Override
    public void closeLogFile() {}

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {}

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {}

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {}

    @Override
    public void logException(Exception ex) {}

    @Override
    public void setStackProperties(Properties stackProperties) {}

    @Override
    public void setSipStack(SipStack sipStack) {}
}
