package dev.sipyard.sip.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import dev.sipyard.resource.GatewayCredentials;
import dev.sipyard.sip.digest.DigestAnswer;
import javax.sip.header.FromHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt to reach a callee from a caller's INVITE: every target rings in parallel, the
 * first 2xx wins and the other branches are CANCELled, a 6xx stops the rest, and when all fail
 * the best final response is reported (RFC 3261 §16.7). Provisional responses and the winning
 * 2xx go to the caller at once; a failure is only reported, because a document may try
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
     */
    record Target(String requestUri, Hop hop, String fromUser, String displayName, GatewayCredentials credentials) {

        Target(String requestUri, Hop hop, String fromUser, String displayName) {
            this(requestUri, hop, fromUser, displayName, null);
        }
    }

    /** How the attempt ended. */
    sealed interface Result {
        record Answered(Target target, Response response) implements Result {}

        /** No branch answered; {@code best} is the response to pass back (null when none came). */
        record Failed(Response best, int status, boolean ringTimeout) implements Result {}

        record Canceled() implements Result {}
    }

    /** Told when a branch rings and when the attempt ends (once). */
    interface Listener {
        void ringing();

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
    private final ServerTransaction caller;
    private final Request original;
    private final String callerTransport;
    private final List<Target> targets;
    private final Duration timeout;
    private final ScheduledExecutorService timers;
    private final Listener listener;
    private final Map<ClientTransaction, Branch> branches = new LinkedHashMap<>();
    private ScheduledFuture<?> timer;
    private boolean done;
    private boolean ringing;
    private Response best;
    private int bestStatus = 0;

    Fork(ProxyCore core, ServerTransaction caller, Request original, String callerTransport, List<Target> targets,
         Duration timeout, ScheduledExecutorService timers, Listener listener) {
        this.core = core;
        this.caller = caller;
        this.original = original;
        this.callerTransport = callerTransport;
        this.targets = targets;
        this.timeout = timeout;
        this.timers = timers;
        this.listener = listener;
    }

    synchronized void start() {
        for (Target t : targets) {
            try {
                String transport = t.hop() == null ? callerTransport : t.hop().getTransport();
                Request out = core.forwardCopy(original, transport);
                out.setRequestURI(core.stack().addresses().createURI(t.requestUri()));
                out.removeHeader("Proxy-Authorization");
                core.recordRoute(out, callerTransport, transport);
                present(out, t);
                branches.put(core.send(out, t.hop(), this), new Branch(t));
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

    /** Sets the From user and display name a PSTN leg presents (the tag stays, so the dialog still matches). */
    private void present(Request out, Target t) throws Exception {
        if (t.fromUser() == null && t.displayName() == null) {
            return;
        }
        FromHeader from = (FromHeader) out.getHeader(FromHeader.NAME);
        String tag = from.getTag();
        SipURI uri = (SipURI) from.getAddress().getURI().clone();
        if (t.fromUser() != null) {
            uri.setUser(t.fromUser());
        }
        Address a = core.stack().addresses().createAddress(uri);
        if (t.displayName() != null) {
            a.setDisplayName(t.displayName());
        } else if (from.getAddress().getDisplayName() != null) {
            a.setDisplayName(from.getAddress().getDisplayName());
        }
        out.setHeader(core.stack().headers().createFromHeader(a, tag));
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
                sendUpstream(response);
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
                relayStateless(response); // every 2xx goes to the caller (RFC 3261 §16.7 step 5)
                return;
            }
            sendUpstream(response);
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
            branches.put(core.send(again, b.target.hop(), this), b);
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

    private void sendUpstream(Response response) {
        try {
            caller.sendResponse(response);
        } catch (Exception e) {
            log.debug("{} not relayed to the caller: {}", response.getStatusCode(), e.toString());
        }
    }

    private void relayStateless(Response response) {
        try {
            core.stack().provider().sendResponse(response);
        } catch (Exception e) {
            log.debug("late 2xx not relayed: {}", e.toString());
        }
    }
}
