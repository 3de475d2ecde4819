package dev.sipyard.routing.swml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.routing.DialStatus;
import dev.sipyard.routing.DialTarget;
import dev.sipyard.routing.DocumentSource;
import dev.sipyard.routing.Format;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.Step;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwmlScriptTest {
    private static final String URL = "https://app.example.com/swml";
    private static final String FALLBACK = "https://app.example.com/swml-fallback";
    private static final DocumentSource SOURCE = new DocumentSource(URL, "GET", null, null, null, null);
    private static final Map<String, String> CALL =
            SwmlScript.callVariables("alice", "+15552223333", "call-1", "inbound", "proj-1");

    private static SwmlScript script() {
        return new SwmlScript(SOURCE, CALL);
    }

    private static Step run(SwmlScript script, String body) {
        script.next(new Outcome.Start());
        return script.next(new Outcome.Fetched(URL, body, "application/json"));
    }

    /** A JSON document whose main section holds {@code steps} (a JSON array body without brackets). */
    private static String main(String steps) {
        return "{\"version\":\"1.0.0\",\"sections\":{\"main\":[" + steps + "]}}";
    }

    private static Step.Dial dial(DialTarget... targets) {
        return new Step.Dial(List.of(targets), targets.length > 1, 30, null, null);
    }

    private static Outcome.Dialed dialed(DialStatus status) {
        return new Outcome.Dialed(status, "leg-1", 0, null);
    }

    @Test
    void startFetchesTheUrlAsAJsonPost() {
        assertThat(script().next(new Outcome.Start())).isEqualTo(new Step.Fetch(URL, "POST", Format.SWML_JSON, Map.of()));
    }

    @Test
    void connectToOneTarget() {
        assertThat(run(script(), main("{\"connect\":{\"to\":\"sip:bob@acme.sip.example\"}}")))
                .isEqualTo(dial(new DialTarget.Sip("sip:bob@acme.sip.example")));
        assertThat(run(script(), main("{\"connect\":{\"to\":\"+1 555 444 5555\",\"from\":\"+15550001111\","
                + "\"timeout\":12,\"max_duration\":60}}")))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Number("+15554445555")), false, 12, "+15550001111", 60));
        assertThat(run(script(), main("{\"connect\":{\"to\":\"bob\"}}"))).isEqualTo(dial(new DialTarget.Endpoint("bob")));
    }

    @Test
    void connectParallelRingsAllAtOnce() {
        assertThat(run(script(), main("{\"connect\":{\"parallel\":[{\"to\":\"sip:a@x\"},{\"to\":\"+15554445555\"}]}}")))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Sip("sip:a@x"), new DialTarget.Number("+15554445555")),
                        true, 30, null, null));
    }

    @Test
    void connectSerialTriesOneAfterAnotherAndSetsConnectResult() {
        SwmlScript script = script();
        String doc = main("{\"connect\":{\"serial\":[{\"to\":\"sip:a@x\"},{\"to\":\"sip:b@x\"}],\"timeout\":\"abc\"}},"
                + "{\"switch\":{\"variable\":\"connect_result\",\"case\":{\"failed\":[{\"hangup\":{\"reason\":\"busy\"}}]}}}");
        assertThat(run(script, doc)).isEqualTo(dial(new DialTarget.Sip("sip:a@x")));
        assertThat(script.next(dialed(DialStatus.NO_ANSWER))).isEqualTo(dial(new DialTarget.Sip("sip:b@x")));
        assertThat(script.next(dialed(DialStatus.BUSY))).isEqualTo(new Step.Refuse(486, "Rejected by document (busy)"));
    }

    @Test
    void aConnectedCallFinishesTheScript() {
        SwmlScript script = script();
        run(script, main("{\"connect\":{\"serial\":[{\"to\":\"sip:a@x\"},{\"to\":\"sip:b@x\"}]}},\"hangup\""));
        assertThat(script.next(dialed(DialStatus.COMPLETED))).isEqualTo(new Step.Finished());
    }

    @Test
    void serialParallelTriesGroups() {
        SwmlScript script = script();
        assertThat(run(script, main("{\"connect\":{\"serial_parallel\":[[{\"to\":\"sip:a@x\"},{\"to\":\"sip:b@x\"}],"
                + "[{\"to\":\"sip:c@x\"}]]}}")))
                .isEqualTo(dial(new DialTarget.Sip("sip:a@x"), new DialTarget.Sip("sip:b@x")));
        assertThat(script.next(dialed(DialStatus.FAILED))).isEqualTo(dial(new DialTarget.Sip("sip:c@x")));
        assertThat(script.next(dialed(DialStatus.FAILED)))
                .isEqualTo(new Step.Refuse(603, "Document ended without connecting the call"));
    }

    @Test
    void hangupReasons() {
        assertThat(run(script(), main("\"hangup\""))).isEqualTo(new Step.Refuse(603, "Hung up by document"));
        assertThat(run(script(), main("{\"hangup\":{}}"))).isEqualTo(new Step.Refuse(603, "Hung up by document"));
        assertThat(run(script(), main("{\"hangup\":{\"reason\":\"hangup\"}}")))
                .isEqualTo(new Step.Refuse(603, "Hung up by document"));
        assertThat(run(script(), main("{\"hangup\":{\"reason\":\"busy\"}}")))
                .isEqualTo(new Step.Refuse(486, "Rejected by document (busy)"));
        assertThat(run(script(), main("{\"hangup\":{\"reason\":\"decline\"}}")))
                .isEqualTo(new Step.Refuse(603, "Rejected by document (decline)"));
    }

    @Test
    void transferToASectionJumpsThere() {
        String doc = "{\"sections\":{\"main\":[{\"transfer\":{\"dest\":\"office\"}},\"hangup\"],"
                + "\"office\":[{\"connect\":{\"to\":\"sip:desk@x\"}}]}}";
        assertThat(run(script(), doc)).isEqualTo(dial(new DialTarget.Sip("sip:desk@x")));
    }

    @Test
    void transferToAUrlFetchesItAndRunsItsMain() {
        SwmlScript script = script();
        assertThat(run(script, main("{\"transfer\":{\"dest\":\"https://other.example/next\"}}")))
                .isEqualTo(new Step.Fetch("https://other.example/next", "POST", Format.SWML_JSON, Map.of()));
        assertThat(script.next(new Outcome.Fetched("https://other.example/next", main("{\"hangup\":{\"reason\":\"busy\"}}"),
                "application/json"))).isEqualTo(new Step.Refuse(486, "Rejected by document (busy)"));
    }

    @Test
    void aTransferToAUrlCarriesTheVariablesTheDocumentSet() {
        assertThat(run(script(), main("{\"set\":{\"choice\":\"sales\"}},{\"transfer\":\"https://other.example/next\"}")))
                .isEqualTo(new Step.Fetch("https://other.example/next", "POST", Format.SWML_JSON, Map.of(),
                        Map.of("choice", "sales")));
    }

    @Test
    void transfersToUrlsAreBounded() {
        SwmlScript script = script();
        String loop = main("{\"transfer\":\"https://other.example/loop\"}");
        Step step = run(script, loop);
        for (int i = 1; i <= SwmlScript.MAX_TRANSFER_FETCHES; i++) {
            assertThat(step).as("transfer " + i).isInstanceOf(Step.Fetch.class);
            step = script.next(new Outcome.Fetched("https://other.example/loop", loop, "application/json"));
        }
        assertThat(step).isEqualTo(new Step.Refuse(500, "More than 10 transfers to URLs in one call"));
    }

    @Test
    void gotoJumpsToALabelAndItsMaxBoundsTheLoop() {
        SwmlScript script = script();
        String doc = main("{\"label\":\"again\"},{\"connect\":{\"to\":\"sip:a@x\"}},"
                + "{\"goto\":{\"label\":\"again\",\"max\":2}},{\"hangup\":{\"reason\":\"busy\"}}");
        assertThat(run(script, doc)).isEqualTo(dial(new DialTarget.Sip("sip:a@x")));
        assertThat(script.next(dialed(DialStatus.NO_ANSWER))).isEqualTo(dial(new DialTarget.Sip("sip:a@x")));
        assertThat(script.next(dialed(DialStatus.NO_ANSWER))).isEqualTo(dial(new DialTarget.Sip("sip:a@x")));
        assertThat(script.next(dialed(DialStatus.NO_ANSWER))).isEqualTo(new Step.Refuse(486, "Rejected by document (busy)"));
    }

    @Test
    void anEndlessGotoLoopEndsWith500AfterAHundredJumps() {
        assertThat(run(script(), main("{\"label\":\"top\"},{\"set\":{\"x\":1}},{\"goto\":\"top\"}")))
                .isEqualTo(new Step.Refuse(500, "More than 100 goto or transfer jumps in one call"));
        assertThat(run(script(), "{\"sections\":{\"main\":[{\"transfer\":\"b\"}],\"b\":[{\"transfer\":\"main\"}]}}"))
                .isEqualTo(new Step.Refuse(500, "More than 100 goto or transfer jumps in one call"));
    }

    @Test
    void gotoFromInsideASwitchCaseFindsALabelOutside() {
        String doc = main("{\"set\":{\"n\":\"0\"}},{\"label\":\"top\"},"
                + "{\"switch\":{\"variable\":\"n\",\"case\":{\"0\":[{\"set\":{\"n\":\"1\"}},{\"goto\":\"top\"}]},"
                + "\"default\":[{\"connect\":{\"to\":\"sip:after-${n}@x\"}}]}}");
        assertThat(run(script(), doc)).isEqualTo(dial(new DialTarget.Sip("sip:after-1@x")));
    }

    @Test
    void switchRunsTheMatchingCaseThenTheDefaultThenContinues() {
        String doc = main("{\"switch\":{\"variable\":\"call.to\",\"case\":{\"+15552223333\":[{\"set\":{\"who\":\"sales\"}}]},"
                + "\"default\":[{\"set\":{\"who\":\"nobody\"}}]}},{\"connect\":{\"to\":\"sip:${who}@x\"}}");
        assertThat(run(script(), doc)).isEqualTo(dial(new DialTarget.Sip("sip:sales@x")));
        String other = doc.replace("+15552223333", "+19999999999");
        assertThat(run(script(), other)).isEqualTo(dial(new DialTarget.Sip("sip:nobody@x")));
        String noDefault = main("{\"switch\":{\"variable\":\"${call.from}\",\"case\":{\"zed\":[\"hangup\"]}}},"
                + "{\"connect\":{\"to\":\"sip:x@y\"}}");
        assertThat(run(script(), noDefault)).isEqualTo(dial(new DialTarget.Sip("sip:x@y")));
    }

    @Test
    void substitutionUsesCallAndSetVariablesInBothSyntaxes() {
        String doc = main("{\"set\":{\"ext\":\"42\",\"flag\":true}},"
                + "{\"connect\":{\"to\":\"sip:${ext}-%{vars.ext}-%{call.from}-${call.call_id}-${call.direction}-"
                + "${call.project_id}-${flag}-${nothing}@x\",\"from\":\"%{call.to}\"}}");
        assertThat(run(script(), doc)).isEqualTo(new Step.Dial(
                List.of(new DialTarget.Sip("sip:42-42-alice-call-1-inbound-proj-1-true-@x")), false, 30, "+15552223333", null));
    }

    @Test
    void unsetForgetsAVariable() {
        String doc = main("{\"set\":{\"a\":\"1\",\"b\":\"2\"}},{\"unset\":[\"a\"]},{\"unset\":\"b\"},"
                + "{\"connect\":{\"to\":\"sip:u${a}${b}@x\"}}");
        assertThat(run(script(), doc)).isEqualTo(dial(new DialTarget.Sip("sip:u@x")));
    }

    @Test
    void yamlDocumentsWork() {
        String yaml = """
                version: 1.0.0
                sections:
                  main:
                    - set:
                        target: sip:bob@acme.sip.example
                    - connect:
                        to: "${target}"
                        timeout: 20
                """;
        assertThat(run(script(), yaml))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Sip("sip:bob@acme.sip.example")), false, 20, null, null));
    }

    @Test
    void aMissingVersionIsFine() {
        assertThat(run(script(), "{\"sections\":{\"main\":[\"hangup\"]}}")).isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }

    @Test
    void otherMethodsAre501NamingThem() {
        for (String method : new String[] {"execute", "return", "sleep", "ai", "record_call", "send_digits", "Play"}) {
            assertThat(run(script(), main("{\"" + method + "\":{}},\"hangup\""))).as(method)
                    .isEqualTo(new Step.Refuse(501, "SWML method " + method + " is not supported on this server yet"));
        }
        assertThat(run(script(), main("\"denoise\""))).isEqualTo(
                new Step.Refuse(501, "SWML method denoise is not supported on this server yet"));
    }

    @Test
    void invalidDocumentsAre500WithoutAFallback() {
        for (String body : new String[] {"", "<Response/>", "[1,2]", "\"text\"", "{\"sections\":{}}",
                "{\"sections\":{\"main\":{}}}", "{\"version\":{},\"sections\":{\"main\":[]}}", "{\"sections\":[]}",
                "{\"sections\":{\"main\":[],\"other\":3}}", "key: [unclosed"}) {
            Step step = run(script(), body);
            assertThat(step).as(body).isInstanceOf(Step.Refuse.class);
            assertThat(((Step.Refuse) step).status()).as(body).isEqualTo(500);
            assertThat(((Step.Refuse) step).reason()).as(body).startsWith("Document fetch failed: ");
        }
    }

    @Test
    void anInvalidDocumentGoesToTheFallbackWith12100AndAFailedFetchWith11200() {
        DocumentSource withFallback = new DocumentSource(URL, null, FALLBACK, "GET", null, null);
        assertThat(run(new SwmlScript(withFallback, CALL), "nonsense: [")).isEqualTo(
                new Step.Fetch(FALLBACK, "GET", Format.SWML_JSON, Map.of("ErrorCode", "12100", "ErrorUrl", URL)));
        SwmlScript script = new SwmlScript(withFallback, CALL);
        script.next(new Outcome.Start());
        assertThat(script.next(new Outcome.FetchFailed(URL, 404, null))).isEqualTo(
                new Step.Fetch(FALLBACK, "GET", Format.SWML_JSON, Map.of("ErrorCode", "11200", "ErrorUrl", URL)));
        assertThat(script.next(new Outcome.FetchFailed(FALLBACK, 500, null)))
                .isEqualTo(new Step.Refuse(500, "Document fetch failed: HTTP 500"));
    }

    @Test
    void stepsTheDocumentGotWrongAreDocumentFailures() {
        record Case(String steps, String reason) {}
        for (Case c : List.of(
                new Case("{\"a\":1,\"b\":2}", "a SWML step must be a method name or an object with one method"),
                new Case("42", "a SWML step must be a method name or an object with one method"),
                new Case("{\"connect\":{}}", "SWML connect names nobody to call"),
                new Case("{\"connect\":\"sip:a@b\"}", "SWML connect needs an object with to, parallel or serial"),
                new Case("{\"connect\":{\"to\":\"not a target!\"}}",
                        "SWML connect target is neither a SIP URI, a number nor an endpoint name"),
                new Case("{\"connect\":{\"parallel\":[]}}", "SWML connect lists nobody to call"),
                new Case("{\"goto\":\"nowhere\"}", "SWML goto names an unknown label nowhere"),
                new Case("{\"goto\":{}}", "SWML goto needs a label"),
                new Case("{\"transfer\":\"nowhere\"}", "SWML transfer dest is neither a section nor an http(s) URL"),
                new Case("{\"set\":{\"a\":[1]}}", "SWML set supports only text, number and boolean values"),
                new Case("{\"switch\":{\"case\":{}}}", "SWML switch needs a variable"),
                new Case("{\"switch\":{\"variable\":\"x\",\"default\":\"hangup\"}}", "SWML switch cases must be lists of steps"))) {
            assertThat(run(script(), main(c.steps()))).as(c.steps())
                    .isEqualTo(new Step.Refuse(500, "Document fetch failed: " + c.reason()));
        }
    }

    @Test
    void gotoWithWhenIsNotSupported() {
        assertThat(run(script(), main("{\"label\":\"a\"},{\"goto\":{\"label\":\"a\",\"when\":\"vars.x < 3\"}}")))
                .isEqualTo(new Step.Refuse(501, "SWML goto with when is not supported on this server yet"));
    }

    @Test
    void theEndOfMainWithNothingConnectedIs603() {
        assertThat(run(script(), main("{\"label\":\"x\"}")))
                .isEqualTo(new Step.Refuse(603, "Document ended without connecting the call"));
    }

    @Test
    void deeplyNestedDocumentsAreRefusedNotACrash() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Step step = run(script(), "{\"sections\":{\"main\":" + deep + "}}");
        assertThat(step).isInstanceOf(Step.Refuse.class);
        assertThat(((Step.Refuse) step).status()).isEqualTo(500);
    }

    @Test
    void aYamlAliasBombIsNotExpandedSoItsMainRunsAtOnce() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            String prev = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, prev))).append("]\n");
        }
        yaml.append("sections:\n  main:\n    - hangup\n");
        long start = System.nanoTime();
        Step step = run(script(), yaml.toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(step).isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }
}
