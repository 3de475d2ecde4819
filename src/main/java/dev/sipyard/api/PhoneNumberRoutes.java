package dev.sipyard.api;

import dev.sipyard.common.PageRequest;
import dev.sipyard.common.Times;
import dev.sipyard.project.PhoneNumber;
import dev.sipyard.project.PhoneNumberService;
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
        r.delete(PATH + "/{id}", (ctx, p) -> {
            numbers.delete(p, ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    static Map<String, Object> json(PhoneNumber n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("number", n.number());
        m.put("name", n.name());
        m.put("created_at", Times.iso(n.createdAt()));
        m.put("updated_at", Times.iso(n.updatedAt()));
        return m;
    }
}
