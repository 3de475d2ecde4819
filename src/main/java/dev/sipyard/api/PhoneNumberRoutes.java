package dev.sipyard.api;

import dev.sipyard.common.PageRequest;
import dev.sipyard.common.Times;
import dev.sipyard.project.PhoneNumber;
import dev.sipyard.project.NumberField;
import dev.sipyard.project.PhoneNumberService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The project's phone numbers under /api/relay/rest/phone_numbers. */
final class PhoneNumberRoutes {
    private static final String PATH = "/api/relay/rest/phone_numbers";
    private final PhoneNumberService numbers;
    private final Requests requests;

    PhoneNumberRoutes(PhoneNumberService numbers, Requests requests) {
        this.numbers = numbers;
        this.requests = requests;
    }

    void register(Router r) {
        r.post(PATH, (ctx, p) -> ctx.status(201).json(json(numbers.add(p, requests.jsonBody(ctx)))));
        r.get(PATH, (ctx, p) -> {
            String scope = p + ":phone_numbers";
            PageRequest page = requests.page(ctx, scope);
            String filter = ctx.queryParam("filter_number");
            requests.list(ctx, scope, numbers.list(p, page, filter == null || filter.isBlank() ? null : filter),
                    PhoneNumber::id, PhoneNumberRoutes::json, page);
        });
        r.get(PATH + "/{id}", (ctx, p) -> ctx.json(json(numbers.get(p, ctx.pathParam("id")))));
        r.put(PATH + "/{id}", this::update);
        r.patch(PATH + "/{id}", this::update);
        r.delete(PATH + "/{id}", (ctx, p) -> {
            numbers.delete(p, ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private void update(Context ctx, String projectId) {
        String id = ctx.pathParam("id");
        numbers.get(projectId, id); // 404 before reading a body for an id that is not there
        ctx.json(json(numbers.update(projectId, id, requests.jsonBody(ctx))));
    }

    /** The representation: every handler field always present, null when unset. */
    static Map<String, Object> json(PhoneNumber n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("number", n.number());
        m.put("name", n.name());
        m.put("call_handler", n.callHandler() == null ? null : n.callHandler().wireName());
        for (NumberField f : NumberField.values()) {
            m.put(f.wireName(), n.field(f));
        }
        m.put("created_at", Times.iso(n.createdAt()));
        m.put("updated_at", Times.iso(n.updatedAt()));
        return m;
    }
}
