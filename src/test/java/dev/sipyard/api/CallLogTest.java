package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.testing.CallRows;
import dev.sipyard.testing.HttpResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call log, read side: the Compatibility API's Calls (Twilio's shape and paging) and the
 * Fabric voice logs. Rows are seeded with SQL: the call engine that writes them is built in
 * parallel (see {@link CallRows}).
 */
class CallLogTest extends ApiContractBase {
    private static final String RFC_2822 = "[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000";

    private CallRows rows;
    private String project;
    private String calls;
    /** Seeded call ids, newest first. */
    private final List<String> newestFirst = new ArrayList<>();

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @BeforeEach
    void seed() {
        rows = new CallRows(server);
        project = api.credentials()[0];
        calls = "/api/laml/2010-04-01/Accounts/" + project + "/Calls";
        newestFirst.clear();
        String first = rows.insert(new CallRows.Call(project, null, "alice", "+15550000001", "completed",
                at("2026-03-01T10:00:00Z"), at("2026-03-01T10:01:05Z"), 200));
        String second = rows.insert(new CallRows.Call(project, null, "bob", "+15550000002", "busy",
                at("2026-03-02T10:00:00Z"), at("2026-03-02T10:00:03Z"), 486));
        String leg = rows.insert(new CallRows.Call(project, second, "bob", "carol", "no-answer",
                at("2026-03-02T10:00:01Z"), at("2026-03-02T10:00:31Z"), 480));
        String third = rows.insert(new CallRows.Call(project, null, "alice", "+15550000002", "completed",
                at("2026-03-03T09:00:00Z"), at("2026-03-03T09:10:00Z"), 200));
        String live = rows.insert(new CallRows.Call(project, null, "carol", "alice", "ringing",
                at("2026-03-04T08:00:00Z"), null, null));
        newestFirst.addAll(List.of(live, third, leg, second, first));
        // another project's call, never shown here
        rows.insert(new CallRows.Call(server.newProject("other").credentials()[0], null, "eve", "+15550000002",
                "completed", at("2026-03-03T12:00:00Z"), at("2026-03-03T12:00:10Z"), 200));
    }

    private List<String> sids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("calls").forEach(c -> out.add(c.get("sid").asText()));
        return out;
    }

    @Test
    void callsListNewestFirstInTwiliosShape() {
        for (String path : List.of(calls, calls + ".json", "/2010-04-01/Accounts/" + project + "/Calls.json")) {
            HttpResult r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(sids(r.json())).as(path).containsExactlyElementsOf(newestFirst);
        }
        JsonNode page = api.get(calls + ".json").json();
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("page_size").asInt()).isEqualTo(50);
        assertThat(page.get("start").asInt()).isZero();
        assertThat(page.get("end").asInt()).isEqualTo(4);
        assertThat(page.get("next_page_uri").isNull()).isTrue();
        assertThat(page.get("previous_page_uri").isNull()).isTrue();
        assertThat(page.get("first_page_uri").asText()).startsWith(calls + ".json?").contains("PageSize=50");

        JsonNode done = page.get("calls").get(1);
        assertThat(done.get("account_sid").asText()).isEqualTo(project);
        assertThat(done.get("from").asText()).isEqualTo("alice");
        assertThat(done.get("to").asText()).isEqualTo("+15550000002");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("direction").asText()).isEqualTo("inbound");
        assertThat(done.get("start_time").asText()).isEqualTo("Tue, 03 Mar 2026 09:00:00 +0000");
        assertThat(done.get("end_time").asText()).isEqualTo("Tue, 03 Mar 2026 09:10:00 +0000");
        assertThat(done.get("date_created").asText()).matches(RFC_2822);
        assertThat(done.get("date_updated").asText()).matches(RFC_2822);
        assertThat(done.get("duration").isTextual()).isTrue();
        assertThat(done.get("duration").asText()).isEqualTo("600");
        assertThat(done.get("sip_result_code").asInt()).isEqualTo(200);
        assertThat(done.get("api_version").asText()).isEqualTo("2010-04-01");
        assertThat(done.get("parent_call_sid").isNull()).isTrue();
        assertThat(done.get("uri").asText()).isEqualTo(calls + "/" + newestFirst.get(1) + ".json");
        assertThat(done.has("price")).isTrue();

        JsonNode live = page.get("calls").get(0);
        assertThat(live.get("end_time").isNull()).isTrue();
        assertThat(live.get("duration").isNull()).isTrue();
        JsonNode leg = page.get("calls").get(2);
        assertThat(leg.get("parent_call_sid").asText()).isEqualTo(newestFirst.get(3));
        assertThat(leg.get("direction").asText()).isEqualTo("outbound-dial");
    }

    @Test
    void pageSizePagesForwardAndBackWithoutGapsOrDuplicates() {
        List<String> seen = new ArrayList<>();
        List<JsonNode> pages = new ArrayList<>();
        String uri = calls + ".json?PageSize=2";
        while (uri != null) {
            JsonNode page = api.get(uri).json();
            pages.add(page);
            seen.addAll(sids(page));
            uri = page.get("next_page_uri").isNull() ? null : page.get("next_page_uri").asText();
            assertThat(pages).hasSizeLessThanOrEqualTo(3);
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages.get(1).get("page").asInt()).isEqualTo(1);
        assertThat(pages.get(1).get("start").asInt()).isEqualTo(2);
        assertThat(pages.get(1).get("end").asInt()).isEqualTo(3);
        assertThat(pages.get(2).get("calls")).hasSize(1);

        JsonNode back = api.get(pages.get(2).get("previous_page_uri").asText()).json();
        assertThat(sids(back)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(back.get("page").asInt()).isEqualTo(1);

        // Page without a token skips Page * PageSize calls
        assertThat(sids(api.get(calls + ".json?PageSize=2&Page=2").json())).containsExactly(newestFirst.get(4));
    }

    @Test
    void filtersNarrowTheListAndCarryIntoTheNextPage() {
        assertThat(sids(api.get(calls + ".json?To=%2B15550000002").json()))
                .containsExactly(newestFirst.get(1), newestFirst.get(3));
        assertThat(sids(api.get(calls + ".json?From=alice").json()))
                .containsExactly(newestFirst.get(1), newestFirst.get(4));
        assertThat(sids(api.get(calls + ".json?Status=busy").json())).containsExactly(newestFirst.get(3));
        assertThat(sids(api.get(calls + ".json?ParentCallSid=" + newestFirst.get(3)).json()))
                .containsExactly(newestFirst.get(2));
        // as Twilio: "StartTime>=2026-03-02" in a URL is the key "StartTime>" (on or after); "<" is on or before;
        // the keys "StartTime>=" and "StartTime<=" (with an encoded =) mean the same
        assertThat(sids(api.get(calls + ".json?StartTime%3E=2026-03-02&StartTime%3C=2026-03-03").json()))
                .containsExactly(newestFirst.get(1), newestFirst.get(2), newestFirst.get(3));
        assertThat(sids(api.get(calls + ".json?StartTime%3E%3D=2026-03-02&StartTime%3C%3D=2026-03-03").json()))
                .containsExactly(newestFirst.get(1), newestFirst.get(2), newestFirst.get(3));
        assertThat(sids(api.get(calls + ".json?StartTime%3E=2026-03-03").json()))
                .containsExactly(newestFirst.get(0), newestFirst.get(1));
        assertThat(sids(api.get(calls + ".json?StartTime%3C=2026-03-01").json())).containsExactly(newestFirst.get(4));
        assertThat(sids(api.get(calls + ".json?StartTime=2026-03-02").json()))
                .containsExactly(newestFirst.get(2), newestFirst.get(3));
        // the official client sends date-times
        assertThat(sids(api.get(calls + ".json?StartTime%3E=2026-03-02T10:00:01Z&StartTime%3C=2026-03-03T09:00:00Z")
                .json())).containsExactly(newestFirst.get(1), newestFirst.get(2));
        JsonNode first = api.get(calls + ".json?From=bob&PageSize=1").json();
        assertThat(sids(first)).containsExactly(newestFirst.get(2));
        String next = first.get("next_page_uri").asText();
        assertThat(next).contains("From=bob");
        JsonNode second = api.get(next).json();
        assertThat(sids(second)).containsExactly(newestFirst.get(3));
        assertThat(second.get("next_page_uri").isNull()).isTrue();
    }

    @Test
    void fetchingOneCall() {
        String sid = newestFirst.get(1);
        JsonNode a = api.get(calls + "/" + sid + ".json").json();
        JsonNode b = api.get(calls + "/" + sid).json();
        assertThat(a).isEqualTo(b);
        assertThat(a.get("sid").asText()).isEqualTo(sid);
        assertThat(api.get(calls + "/" + sid + ".xml").status()).isEqualTo(404);
    }

    @Test
    void refusalsComeInTwiliosShape() {
        HttpResult foreignAccount = api.get("/api/laml/2010-04-01/Accounts/" + server.newProject("x").credentials()[0]
                + "/Calls.json");
        assertTwilioError(foreignAccount, 404, 20404);
        assertTwilioError(api.get(calls + "/00000000-0000-7000-8000-000000000000.json"), 404, 20404);
        assertTwilioError(server.newProject("y").get(calls + "/" + newestFirst.get(0)), 404, 20404);
        HttpResult anonymous = server.anonymous().get(calls + ".json");
        assertTwilioError(anonymous, 401, 20003);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        for (String bad : List.of("PageSize=0", "PageSize=1001", "PageSize=x", "Page=-1", "Status=bogus",
                "StartTime%3E=yesterday", "StartTime=2026-13-01", "PageToken=PAforged.abc")) {
            assertTwilioError(api.get(calls + ".json?" + bad), 400, 20001);
        }
        // a token of another project's list is refused too
        String token = api.get(calls + ".json?PageSize=1").json().get("next_page_uri").asText()
                .replaceAll(".*PageToken=", "");
        var other = server.newProject("z");
        assertTwilioError(other.get("/api/laml/2010-04-01/Accounts/" + other.credentials()[0]
                + "/Calls.json?PageToken=" + token), 400, 20001);
    }

    private static void assertTwilioError(HttpResult r, int status, int code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        JsonNode j = r.json();
        assertThat(j.get("code").asInt()).as(r.toString()).isEqualTo(code);
        assertThat(j.get("status").asInt()).isEqualTo(status);
        assertThat(j.get("message").asText()).isNotBlank();
        assertThat(j.has("more_info")).isTrue();
    }

    @Test
    void voiceLogsListNewestFirstWithTheUsualLinks() {
        List<String> seen = new ArrayList<>();
        String url = "/api/voice/logs?page_size=2";
        int pages = 0;
        while (url != null) {
            JsonNode page = api.get(url).json();
            page.get("data").forEach(d -> seen.add(d.get("id").asText()));
            url = page.get("links").has("next") ? page.get("links").get("next").asText() : null;
            assertThat(++pages).isLessThanOrEqualTo(3);
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        JsonNode log = api.get("/api/voice/logs").json().get("data").get(1);
        assertThat(log.get("start_time").asText()).isEqualTo("2026-03-03T09:00:00Z");
        assertThat(log.get("duration").asInt()).isEqualTo(600);
        assertThat(log.has("decision")).isFalse();
    }

    @Test
    void aVoiceLogShowsTheRoutingDetailAndItsEventsInOrder() {
        String sid = newestFirst.get(3);
        JsonNode detail = api.get("/api/voice/logs/" + sid).json();
        assertThat(detail.get("handler").asText()).isEqualTo("passthrough");
        assertThat(detail.get("decision").get("action").asText()).isEqualTo("ring");
        assertThat(detail.has("caller_endpoint_id")).isTrue();

        long t = at("2026-03-02T10:00:00Z");
        rows.event(project, sid, t, "decision", "{\"action\":\"ring\",\"target\":\"carol\"}");
        rows.event(project, sid, t + 5, "branch", "{\"contact\":\"sip:carol@192.0.2.9\",\"final\":480}");
        rows.event(project, sid, t + 3005, "status", "not json");
        JsonNode events = api.get("/api/voice/logs/" + sid + "/events").json().get("data");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("kind").asText()).isEqualTo("decision");
        assertThat(events.get(0).get("at").asText()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(events.get(1).get("detail").get("final").asInt()).isEqualTo(480);
        assertThat(events.get(1).get("at").asText()).isEqualTo("2026-03-02T10:00:00.005Z");
        assertThat(events.get(2).get("detail").get("text").asText()).isEqualTo("not json");

        JsonNode firstPage = api.get("/api/voice/logs/" + sid + "/events?page_size=2").json();
        assertThat(firstPage.get("data")).hasSize(2);
        JsonNode rest = api.get(firstPage.get("links").get("next").asText()).json();
        assertThat(rest.get("data").get(0).get("kind").asText()).isEqualTo("status");

        assertThat(api.get("/api/voice/logs/00000000-0000-7000-8000-000000000000").status()).isEqualTo(404);
        assertThat(server.newProject("other").get("/api/voice/logs/" + sid + "/events").status()).isEqualTo(404);
        assertThat(server.anonymous().get("/api/voice/logs").status()).isEqualTo(401);
    }
}
