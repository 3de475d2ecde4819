package dev.sipyard.api;

import dev.sipyard.calllog.CallFilter;
import dev.sipyard.calllog.CallLogReader;
import dev.sipyard.calllog.LoggedCall;
import dev.sipyard.common.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The call log as SignalWire's Compatibility API serves it (Twilio's Calls resource):
 * {@code /api/laml/2010-04-01/Accounts/{AccountSid}/Calls[.json]} and {@code .../Calls/{CallSid}[.json]}.
 * The same routes answer under {@code /2010-04-01/...}, the path the official client requests
 * relative to the space URL. Paging: {@code PageSize}, {@code Page}, {@code PageToken}; errors in
 * Twilio's shape.
 */
final class CompatibilityCallRoutes {
    static final String PREFIX = CompatibilityRequests.PREFIX;
    private static final Set<String> STATUSES = Set.of("queued", "initiated", "ringing", "in-progress", "canceled",
            "completed", "failed", "busy", "no-answer");
    private static final List<String> FILTERS = filters();

    private final CallLogReader calls;
    private final CompatibilityRequests compat;

    CompatibilityCallRoutes(CallLogReader calls, CompatibilityRequests compat) {
        this.calls = calls;
        this.compat = compat;
    }

    private static List<String> filters() {
        List<String> names = new ArrayList<>(List.of("To", "From", "Status", "ParentCallSid"));
        names.addAll(CompatibilityRequests.windowParams("StartTime"));
        return List.copyOf(names);
    }

    void register(RoutesConfig routes) {
        for (String prefix : CompatibilityRequests.PREFIXES) {
            for (String suffix : List.of("", ".json")) {
                compat.get(routes, prefix + "{AccountSid}/Calls" + suffix, this::list);
            }
            // Javalin cannot match "{CallSid}.json" as one segment, so the .json is stripped here.
            compat.get(routes, prefix + "{AccountSid}/Calls/{CallSid}", this::fetch);
        }
    }

    private void fetch(Context ctx, String projectId) {
        String sid = CompatibilityRequests.withoutSuffix(ctx.pathParam("CallSid"), ".json");
        LoggedCall call = calls.find(projectId, sid).orElseThrow(CompatibilityErrors::notFound);
        ctx.json(CallJson.compatibility(call, PREFIX + projectId));
    }

    private void list(Context ctx, String projectId) {
        String scope = projectId + ":calls";
        CompatibilityRequests.Paging p = compat.paging(ctx, scope);
        CallFilter filter = filter(ctx);
        Page<LoggedCall> result = Page.of(calls.list(projectId, new CallLogReader.PageQuery(filter,
                p.request().cursor(), p.request().backward(), p.offset(), p.size() + 1)), p.request());
        String accountUri = PREFIX + projectId;
        ctx.json(compat.page("calls", result, LoggedCall::id, c -> CallJson.compatibility(c, accountUri), p,
                accountUri + "/Calls.json", scope, CompatibilityRequests.kept(ctx, FILTERS)));
    }

    private static CallFilter filter(Context ctx) {
        String status = ctx.queryParam("Status");
        if (status != null && !STATUSES.contains(status)) {
            throw CompatibilityErrors.badParameter("Status must be one of " + String.join(", ",
                    STATUSES.stream().sorted().toList()) + ".");
        }
        CompatibilityRequests.TimeWindow started = CompatibilityRequests.window(ctx, "StartTime");
        return new CallFilter(CompatibilityRequests.blankToNull(ctx.queryParam("To")),
                CompatibilityRequests.blankToNull(ctx.queryParam("From")), status,
                CompatibilityRequests.blankToNull(ctx.queryParam("ParentCallSid")), started.from(), started.until());
    }
}
