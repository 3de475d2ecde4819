package dev.sipyard.sip.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.address.Hop;
import dev.sipyard.resource.GatewayCredentials;
import dev.sipyard.sip.digest.DigestAnswer;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt to reach a callee from a caller's INVITE: every target rings in parallel, the
 * first 2xx wins and the other branches are CANCELled, a 6xx stops the rest, and when all fail
 * the best final response is reported (RFC 3261 §16.7). Provisional responses and the winning
 * 2xx go to the {@link Upstream} at once; a failure is only reported, because a document may try
 * something else before the caller gets an answer.
 */
final class Fork implements ProxyCore.ClientListener {
    private static final Logger log = LoggerFactory.getLogger(Fork.class);

    /**
     * Where one branch goes.
     *
     * @param requestUri   the Request-URI of the branch (a binding's contact, or user@gateway)
     * @param hop          where to send it (null: by the Request-URI)
     * @param fromUser     the From user to present (PSTN legs: send_as), or null to keep the caller's
     * @param displayName  the From display name to present, or null to keep the caller's
     * @param credentials  what to answer a 401/407 of this branch with (a carrier's), or null
     * @param relayPass    the {@link RelayPass} of a branch relayed through the node that holds the
     *                     phone's connection (then {@code hop} is that node), or null
     */
    record Target(String requestUri, Hop hop, String fromUser, String displayName, GatewayCredentials credentials,
                  String relayPass) {

        Target(String requestUri, Hop hop, String fromUser, String displayName) {
            this(requestUri, hop, fromUser, displayName, null, null);
        }

        Target(String requestUri, Hop hop, String fromUser, String displayName, GatewayCredentials credentials) {
            this(requestUri, hop, fromUser, displayName, credentials, null);
        }
    }

    /** How the attempt ended. */
    sealed interface Result {
        record Answered(Target target, Response response) implements Result {}

        /** No branch answered; {@code best} is the response to pass back (null when none came). */
        record Failed(Response best, int status, boolean ringTimeout) implements Result {}

        record Canceled() implements Result {}
    }

    /**
     * What the branches are made from and where their responses go: the caller's INVITE relayed
     * by the proxy ({@link ProxiedBranches}), or new INVITEs of ours bridging an answered caller.
     */
    interface Upstream {
        /** The transport of a branch whose target names no flow. */
        String defaultTransport();

        /** The INVITE of one branch, to be sent over {@code transport}. */
        Request branch(Target target, String transport) throws Exception;

        /** A provisional response (101-199) of a branch while the attempt goes on. */
        void provisional(Response response);

        /** The winning 2xx. */
        void answered(ClientTransaction ct, Response response);

        /** A 2xx of another branch after the attempt ended. */
        void lateAnswer(ClientTransaction ct, Response response);
    }

    /** Told when a branch rings and when the attempt ends (once). */
    interface Listener {
        void ringing();

        /**
         * A branch answered with {@code response}; called before its 2xx is passed on, so that the
         * call's dialog is known here by the time the caller's ACK (and a quick BYE) arrive. The 2xx
         * goes to the caller when the returned stage completes: once what must be on record before
         * the caller hears the answer is written.
         */
        default CompletionStage<?> answering(Target target, Response response) {
            return CompletableFuture.completedFuture(null);
        }

        void finished(Result result);
    }

    private final class Branch {
        final Target target;
        boolean provisional;
        boolean finalSeen;
        boolean cancelWanted;
        boolean authAnswered;

        Branch(Target target) {
            this.target = target;
        }
    }

    private final ProxyCore core;
    private final Upstream upstream;
    private final List<Target> targets;
    private final Duration timeout;
    private final ScheduledExecutorService timers;
    private final Listener listener;
    private final String callSid;
    private final Map<ClientTransaction, Branch> branches = new LinkedHashMap<>();
    private ScheduledFuture<?> timer;
    private boolean done;
    private boolean ringing;
    private Response best;
    private int bestStatus = 0;

    /** @param callSid the call the branches are for: their results are logged with it */
    Fork(ProxyCore core, Upstream upstream, List<Target> targets, Duration timeout, ScheduledExecutorService timers,
         Listener listener, String callSid) {
        this.core = core;
        this.callSid = callSid;
        this.upstream = upstream;
        this.targets = targets;
        this.timeout = timeout;
        this.timers = timers;
        this.listener = listener;
    }

    synchronized void start() {
        for (Target t : targets) {
            try {
                String transport = t.hop() == null ? upstream.defaultTransport() : t.hop().getTransport();
                Request out = upstream.branch(t, transport);
                if (t.relayPass() != null) {
                    out.setHeader(core.header(RelayPass.HEADER, t.relayPass()));
                }
                branches.put(core.send(out, t.hop(), callSid, this), new Branch(t));
            } catch (Exception e) {
                log.info("branch to {} not sent: {}", t.requestUri(), e.toString());
                consider(null, 503);
            }
        }
        if (branches.isEmpty()) {
            finish(new Result.Failed(best, bestStatus == 0 ? 503 : bestStatus, false));
            return;
        }
        timer = timers.schedule(this::ringTimeout, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void response(ClientTransaction ct, Response response) {
        Branch b = branches.get(ct);
        if (b == null) {
            return;
        }
        int code = response.getStatusCode();
        if (code < 200) {
            b.provisional = true;
            if (b.cancelWanted) {
                b.cancelWanted = false;
                core.cancel(ct);
            }
            if (!done && code > 100) {
                upstream.provisional(response);
                if (!ringing && (code == 180 || code == 183)) {
                    ringing = true;
                    listener.ringing();
                }
            }
            return;
        }
        if ((code == 401 || code == 407) && !done && answerChallenge(ct, b, response)) {
            return;
        }
        b.finalSeen = true;
        if (code < 300) {
            if (done) {
                upstream.lateAnswer(ct, response);
                return;
            }
            listener.answering(b.target, response).whenComplete((recorded, error) -> upstream.answered(ct, response));
            cancelOthers(ct);
            finish(new Result.Answered(b.target, response));
            return;
        }
        if (done) {
            return;
        }
        consider(response, code);
        if (code >= 600) {
            cancelOthers(ct);
            finish(new Result.Failed(best, bestStatus, false));
        } else if (branches.values().stream().allMatch(x -> x.finalSeen)) {
            finish(new Result.Failed(best, bestStatus, false));
        }
    }

    /**
     * A carrier challenged the INVITE: send it again with the gateway's credentials, once, with a
     * new branch and the same CSeq (so the caller's dialog needs no renumbering).
     */
    private boolean answerChallenge(ClientTransaction ct, Branch b, Response response) {
        if (b.target.credentials() == null || b.authAnswered) {
            return false;
        }
        String header = response.getStatusCode() == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
        String challenge = dev.sipyard.sip.transport.SipHeaders.first(response, header);
        if (challenge == null) {
            return false;
        }
        Request sent = ct.getRequest();
        var answer = DigestAnswer.answer(challenge, b.target.credentials().username(),
                b.target.credentials().password(), sent.getMethod(), sent.getRequestURI().toString());
        if (answer.isEmpty()) {
            return false;
        }
        try {
            Request again = (Request) sent.clone();
            ViaHeader via = (ViaHeader) again.getHeader(ViaHeader.NAME);
            via.setBranch(gov.nist.javax.sip.Utils.getInstance().generateBranchId());
            again.setHeader(core.header(response.getStatusCode() == 401 ? "Authorization" : "Proxy-Authorization",
                    answer.get()));
            b.authAnswered = true;
            branches.remove(ct);
            branches.put(core.send(again, b.target.hop(), callSid, this), b);
            return true;
        } catch (Exception e) {
            log.info("challenge of {} not answered: {}", b.target.requestUri(), e.toString());
            return false;
        }
    }

    @Override
    public synchronized void timeout(ClientTransaction ct) {
        Branch b = branches.get(ct);
        if (b == null || b.finalSeen) {
            return;
        }
        b.finalSeen = true;
        if (done) {
            return;
        }
        consider(null, 408);
        if (branches.values().stream().allMatch(x -> x.finalSeen)) {
            finish(new Result.Failed(best, bestStatus, false));
        }
    }

    /** The caller CANCELled: every branch is cancelled; true when the attempt was still going. */
    synchronized boolean cancel() {
        if (done) {
            return false;
        }
        cancelOthers(null);
        finish(new Result.Canceled());
        return true;
    }

    private void ringTimeout() {
        synchronized (this) {
            if (done) {
                return;
            }
            cancelOthers(null);
            finish(new Result.Failed(null, 480, true));
        }
    }

    /** Keeps the better of two final failures: 6xx first, then the lowest class (RFC 3261 §16.7). */
    private void consider(Response response, int code) {
        if (bestStatus == 0 || rank(code) < rank(bestStatus)) {
            best = response;
            bestStatus = code;
        }
    }

    private static int rank(int code) {
        if (code >= 600) {
            return 0;
        }
        if (code == 408 || code == 503) {
            return 900 + code; // our own stand-ins rank last
        }
        return code;
    }

    private void cancelOthers(ClientTransaction winner) {
        for (Map.Entry<ClientTransaction, Branch> e : new ArrayList<>(branches.entrySet())) {
            Branch b = e.getValue();
            if (e.getKey() == winner || b.finalSeen) {
                continue;
            }
            if (b.provisional) {
                core.cancel(e.getKey());
            } else {
                b.cancelWanted = true;
            }
        }
    }

    private void finish(Result result) {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        listener.finished(result);
    }
}
