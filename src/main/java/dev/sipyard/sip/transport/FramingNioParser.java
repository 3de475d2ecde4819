package dev.sipyard.sip.transport;

import gov.nist.javax.sip.parser.NioPipelineParser;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTlsMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The stream parser of an accepted TCP or TLS connection: {@link SipStreamFramer} frames and
 * screens the bytes, and only whole, normalised messages reach JAIN-SIP's own parser. A refused
 * request is answered {@code 400 Bad Request} (over TCP; a TLS connection is just closed) and the
 * connection is closed: the stack closes any connection whose parser throws.
 */
final class FramingNioParser extends NioPipelineParser {
    private static final int WRITE_ATTEMPTS = 50;

    private final NioTcpMessageChannel channel;
    private final SipStreamFramer framer;

    FramingNioParser(SIPTransactionStack stack, NioTcpMessageChannel channel, int maxMessageSize) {
        super(stack, channel, maxMessageSize);
        this.channel = channel;
        this.framer = new SipStreamFramer(maxMessageSize);
    }

    @Override
    public synchronized void addBytes(byte[] bytes) throws Exception {
        for (SipStreamFramer.Frame frame : framer.feed(bytes)) {
            switch (frame) {
                case SipStreamFramer.Frame.Pass pass -> super.addBytes(pass.bytes());
                case SipStreamFramer.Frame.Refuse refuse -> {
                    answer(BadRequestReply.forRequest(refuse.request(), Integer.MAX_VALUE));
                    throw new IOException("a request that cannot be framed safely");
                }
                case SipStreamFramer.Frame.TooLarge tooLarge -> throw new IOException("a message over the size limit");
            }
        }
    }

    /** Writes the reply straight to the socket, before the stack closes it. */
    private void answer(byte[] reply) {
        if (reply == null || channel instanceof NioTlsMessageChannel) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(reply);
        try {
            for (int i = 0; i < WRITE_ATTEMPTS && buffer.hasRemaining(); i++) {
                if (channel.getSocketChannel().write(buffer) == 0) {
                    Thread.onSpinWait();
                }
            }
        } catch (IOException e) {
            // the peer is gone; the connection is closed next anyway
        }
    }
}
