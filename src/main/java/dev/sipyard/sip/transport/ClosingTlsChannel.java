package dev.sipyard.sip.transport;

import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageChannel;
import gov.nist.javax.sip.stack.SSLStateMachine;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;

/**
 * An accepted TLS connection that answers the peer's close_notify with its own. Over TLS 1.3
 * JAIN-SIP reads a peer's close_notify and sends nothing back, so a client that closes gracefully
 * and waits for our close_notify before it lets go of the connection (stunnel, TLS libraries that
 * shut down both ways) waits until it gives up, and the connection stays open here until the idle
 * timeout. (Over TLS 1.2 the engine itself asks for the answer, and the stack sends it.) Our
 * close_notify goes through the stack's own wrap and send queue, after any response still queued:
 * written past that queue, it would reach the peer out of order. The peer then closes the
 * connection, and the end of its stream closes ours.
 */
final class ClosingTlsChannel extends NioTlsMessageChannel {
    private static final Field STATE_MACHINE = StackInternals.field(NioTlsMessageChannel.class, "sslStateMachine");
    private static final Field ENGINE = StackInternals.field(SSLStateMachine.class, "sslEngine");

    private SSLStateMachine machine;
    private SSLEngine engine;

    ClosingTlsChannel(NioTcpMessageProcessor processor, SocketChannel socket) throws IOException {
        super(processor, socket);
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        super.addBytes(bytes);
        if (engine() && engine.isInboundDone() && !engine.isOutboundDone()) {
            engine.closeOutbound();
            machine.wrap(ByteBuffer.allocate(0), prepareEncryptedDataBuffer(), null);
        }
    }

    /** Whether the stack's TLS state machine and engine are known (they are made with the first bytes). */
    private boolean engine() throws IllegalAccessException {
        if (engine == null) {
            machine = (SSLStateMachine) STATE_MACHINE.get(this);
            engine = machine == null ? null : (SSLEngine) ENGINE.get(machine);
        }
        return engine != null;
    }
}
