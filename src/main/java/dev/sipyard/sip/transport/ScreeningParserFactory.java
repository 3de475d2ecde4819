package dev.sipyard.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * JAIN-SIP's message parser with a screen in front for datagrams (the stack property
 * {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}). A datagram whose Content-Length headers
 * disagree is refused (a smuggling risk), and a request the parser rejects is answered with a
 * {@link BadRequestReply} instead of the stack's own 400, which carried parser internals and
 * echoed the whole request back. Streams are framed and screened by {@link FramingNioParser}. On
 * every transport, a request's SIP version is kept as sent (the stock parser reads any as 2.0).
 */
public final class ScreeningParserFactory implements MessageParserFactory {
    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return new ScreeningParser();
    }

    private static final class ScreeningParser implements MessageParser {
        private final StringMsgParser parser = new StringMsgParser();

        @Override
        public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict,
                                          ParseExceptionListener listener) throws ParseException {
            if (!(listener instanceof UDPMessageChannel)) {
                return withVersion(parser.parseSIPMessage(bytes, readBody, strict, listener), bytes);
            }
            if (!RawHeaders.plainContentLength(bytes, bytes.length)) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                if (RawHeaders.parse(BadRequestReply.headBlock(text)).contentLength() < 0) {
                    refuse(text, bytes.length);
                    return null;
                }
            }
            try {
                return withVersion(parser.parseSIPMessage(bytes, readBody, strict, listener), bytes);
            } catch (ParseException e) {
                refuse(new String(bytes, StandardCharsets.UTF_8), bytes.length);
                return null; // the stack drops a datagram that parses to nothing
            }
        }

        /**
         * The parser reads any {@code SIP/x.y} request line as SIP/2.0; the version as sent is put
         * back so that the dispatcher can answer 505.
         */
        private static SIPMessage withVersion(SIPMessage message, byte[] bytes) {
            if (message instanceof SIPRequest request && request.getRequestLine() != null) {
                String version = sentVersion(bytes);
                if (version != null && !version.equalsIgnoreCase("SIP/2.0")) {
                    request.getRequestLine().setSipVersion(version);
                }
            }
            return message;
        }

        /** The last word of the first non-empty line, when it looks like a SIP version. */
        private static String sentVersion(byte[] bytes) {
            int start = 0;
            while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
                start++;
            }
            int end = start;
            while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
                end++;
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8).strip();
            String last = line.substring(line.lastIndexOf(' ') + 1);
            return last.regionMatches(true, 0, "SIP/", 0, 4) && last.length() <= 16 ? last : null;
        }

        private static void refuse(String text, int size) {
            byte[] reply = BadRequestReply.forRequest(text, size);
            if (reply != null) {
                BoundedUdpProcessor.answerCurrentSender(reply);
            }
        }
    }
}
