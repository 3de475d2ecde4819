package dev.sipyard.api;

import dev.sipyard.calllog.CallEvent;
import dev.sipyard.calllog.CallFilter;
import dev.sipyard.calllog.CallLogReader;
import dev.sipyard.calllog.LoggedCall;
import dev.sipyard.common.NotFoundException;
import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import io.javalin.http.Context;

/**
 * The call log in the Fabric style: {@code /api/voice/logs} (newest first),
 * {@code /api/voice/logs/{id}} (with sipyard's routing detail) and {@code /api/voice/logs/{id}/events}
 * (in the order they happened); the usual keyset paging and links.
 */
final class VoiceLogRoutes {
    static final String PATH = "/api/voice/logs";
    private final CallLogReader calls;
    private final Requests requests;

    VoiceLogRoutes(CallLogReader calls, Requests requests) {
        this.calls = calls;
        this.requests = requests;
    }

    void register(Router r) {
        r.get(PATH, this::list);
        r.get(PATH + "/{id}", (ctx, p) -> ctx.json(CallJson.logDetail(call(p, ctx.pathParam("id")))));
        r.get(PATH + "/{id}/events", this::events);
    }

    private void list(Context ctx, String projectId) {
        String scope = projectId + ":voice_logs";
        PageRequest page = requests.page(ctx, scope);
        Page<LoggedCall> result = Page.of(calls.list(projectId, new CallLogReader.PageQuery(CallFilter.NONE,
                page.cursor(), page.backward(), 0, page.limit())), page);
        requests.list(ctx, scope, result, LoggedCall::id, CallJson::log, page);
    }

    private void events(Context ctx, String projectId) {
        LoggedCall call = call(projectId, ctx.pathParam("id"));
        String scope = projectId + ":call_events:" + call.id();
        PageRequest page = requests.page(ctx, scope);
        Page<CallEvent> result = Page.of(calls.events(projectId, call.id(), page.cursor(), page.backward(),
                page.limit()), page);
        requests.list(ctx, scope, result, CallEvent::id, CallJson::event, page);
    }

    private LoggedCall call(String projectId, String id) {
        return calls.find(projectId, id).orElseThrow(NotFoundException::new);
    }
}
