package dev.sipyard.sip.proxy;

import dev.sipyard.location.Binding;
import dev.sipyard.location.LocationService;
import dev.sipyard.sip.transport.SipHeaders;
import dev.sipyard.sip.transport.SipLog;
import dev.sipyard.sip.transport.SipReplies;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.HopImpl;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls between the nodes of a cluster, for phones whose connection (TCP, TLS, WebSocket) lives
 * on another node than the one routing the call. The routing node sends the INVITE to the node
 * recorded with the binding, with a {@link RelayPass}; that node rings the binding over the
 * phone's connection and Record-Routes, so the call's later requests pass through both nodes.
 * A phone on UDP is rung directly from any node.
 */
final class NodeRelays {
    private static final Logger log = LoggerFactory.getLogger(NodeRelays.class);
    /** The relaying node keeps the ring timer; this node's is only a backstop should its CANCEL be lost. */
    private static final Duration BACKSTOP = Duration.ofSeconds(30);

    private final ProxyCore core;
    private final LocationService locations;
    private final RelayPass passes;
    private final Dialogs dialogs;
    private final ScheduledExecutorService timers;
    private final Duration ringTimeout;

    NodeRelays(ProxyCore core, LocationService locations, RelayPass passes, Dialogs dialogs,
               ScheduledExecutorService timers, Duration ringTimeout) {
        this.core = core;
        this.locations = locations;
        this.passes = passes;
        this.dialogs = dialogs;
        this.timers = timers;
        this.ringTimeout = ringTimeout;
    }

    /** The branch that reaches {@code b} for the INVITE of {@code callId}: directly, or through its node. */
    Fork.Target target(Binding b, String callId) {
        String node = relayNode(b, locations.node());
        if (node == null) {
            return new Fork.Target(b.contactUri(), hopOf(b), null, null);
        }
        return new Fork.Target(b.contactUri(), nodeHop(node), null, null, null, passes.issue(b.id(), callId));
    }

    /**
     * The node to relay through to reach {@code b} from {@code thisNode}, or null to send directly: a
     * phone's own connection exists only on the node it registered through.
     */
    static String relayNode(Binding b, String thisNode) {
        if (!b.connectionOriented() || b.node() == null || b.node().equals(thisNode)) {
            return null;
        }
        return b.node();
    }

    static Hop hopOf(Binding b) {
        return new HopImpl(b.sourceAddress(), b.sourcePort(), b.transport().toUpperCase(Locale.ROOT));
    }

    private static Hop nodeHop(String node) {
        int colon = node.lastIndexOf(':');
        String host = node.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HopImpl(host, Integer.parseInt(node.substring(colon + 1)), "UDP");
    }

    /** True when {@code invite} came from another node with a pass; then it has been handled here. */
    boolean handled(ServerTransaction st, SIPRequest invite, String source, String transport, CallSessions sessions)
            throws Exception {
        String pass = SipHeaders.first(invite, RelayPass.HEADER);
        if (pass == null) {
            return false;
        }
        String callId = invite.getCallId().getCallId();
        Optional<String> bindingId = passes.check(pass, callId);
        if (bindingId.isEmpty()) {
            log.info("relayed INVITE from {} refused: its {} is not valid", source, RelayPass.HEADER);
            answer(st, invite, source, core.replies().refusal(invite, 403, "Forbidden",
                    "The relay pass is not valid"));
            return true;
        }
        Binding b = locations.liveById(bindingId.get());
        if (b == null || !locations.node().equals(b.node())) {
            answer(st, invite, source, core.replies().refusal(invite, 480, "Temporarily Unavailable",
                    "The phone is no longer registered through this node"));
            return true;
        }
        Hop from = new HopImpl(source, invite.getRemotePort(), transport);
        RelayedCall call = new RelayedCall(st, invite, from, b, sessions);
        sessions.track(CallSessions.key(invite), call);
        call.start();
        return true;
    }

    private static void answer(ServerTransaction st, SIPRequest invite, String source, Response r) throws Exception {
        st.sendResponse(r);
        SipLog.result("INVITE", r.getStatusCode(), SipReplies.transport(invite), source, invite.getRemotePort(),
                InviteHandler.callerOf(invite), invite.getCallId().getCallId(), null);
    }

    /** One INVITE relayed here from another node, ringing one binding over its connection. */
    private final class RelayedCall implements Fork.Listener, CallSessions.Pending {
        private final ServerTransaction st;
        private final SIPRequest invite;
        private final Hop from;
        private final Binding binding;
        private final CallSessions sessions;
        private Fork fork;
        private boolean finished;

        RelayedCall(ServerTransaction st, SIPRequest invite, Hop from, Binding binding, CallSessions sessions) {
            this.st = st;
            this.invite = invite;
            this.from = from;
            this.binding = binding;
            this.sessions = sessions;
        }

        synchronized void start() {
            SIPRequest stripped = (SIPRequest) invite.clone();
            stripped.removeHeader(RelayPass.HEADER);
            fork = new Fork(core, new ProxiedBranches(core, st, stripped, from.getTransport()),
                    List.of(new Fork.Target(binding.contactUri(), hopOf(binding), null, null)),
                    ringTimeout.plus(BACKSTOP), timers, this, null);
            fork.start();
        }

        @Override
        public String callSid() {
            return null; // the relaying node logs the call
        }

        @Override
        public boolean cancel() {
            Fork ringing;
            synchronized (this) {
                if (finished) {
                    return false;
                }
                ringing = fork;
            }
            return ringing != null && ringing.cancel();
        }

        @Override
        public void ringing() {}

        @Override
        public java.util.concurrent.CompletionStage<?> answering(Fork.Target target, Response response) {
            dialogs.established(invite.getCallId().getCallId(), from, target.hop(), null, null);
            return java.util.concurrent.CompletableFuture.completedFuture(null); // the routing node logs the call
        }

        @Override
        public synchronized void finished(Fork.Result result) {
            finished = true;
            sessions.untrack(CallSessions.key(invite));
            try {
                switch (result) {
                    case Fork.Result.Answered a -> logResult(a.response().getStatusCode());
                    case Fork.Result.Canceled c -> send(core.replies().refusal(invite, 487, "Request Terminated",
                            "Call cancelled by the caller"));
                    case Fork.Result.Failed f -> {
                        if (f.best() != null && !f.ringTimeout()) {
                            send(f.best());
                        } else {
                            send(core.replies().refusal(invite, 480, "Temporarily Unavailable",
                                    f.ringTimeout() ? "No answer" : "The phone could not be reached"));
                        }
                    }
                }
            } catch (Exception e) {
                log.debug("relayed call's answer not sent: {}", e.toString());
            }
        }

        private void send(Response r) throws Exception {
            st.sendResponse(r);
            logResult(r.getStatusCode());
        }

        private void logResult(int status) {
            SipLog.result("INVITE", status, from.getTransport(), from.getHost(), from.getPort(),
                    InviteHandler.callerOf(invite), invite.getCallId().getCallId(), null);
        }
    }
}
