package dev.sipyard.api;

import dev.sipyard.common.Times;
import dev.sipyard.sip.SipService;
import dev.sipyard.sip.guard.SipBan;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The brute-force bans that touch the caller's project: list, and lift one. */
final class SipBanRoutes {
    static final String PATH = "/api/relay/rest/sip_bans";
    private final SipService sip;
    private final Requests requests;

    SipBanRoutes(SipService sip, Requests requests) {
        this.sip = sip;
        this.requests = requests;
    }

    void register(Router r) {
        r.get(PATH, this::list);
        r.delete(PATH + "/{address}", this::lift);
    }

    private void list(Context ctx, String projectId) {
        requests.wholeList(ctx, sip.bans(projectId).stream().map(SipBanRoutes::json).toList());
    }

    private void lift(Context ctx, String projectId) {
        String address = ctx.pathParam("address");
        if (address.length() > 64 || !sip.liftBan(address, projectId)) {
            throw Errors.notFound();
        }
        ctx.status(204);
    }

    static Map<String, Object> json(SipBan b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "sip_ban");
        m.put("address", b.address());
        m.put("reason", b.reason());
        m.put("failures", b.failures());
        m.put("banned_at", Times.iso(b.bannedAt()));
        m.put("banned_until", Times.iso(b.bannedUntil()));
        return m;
    }
}
