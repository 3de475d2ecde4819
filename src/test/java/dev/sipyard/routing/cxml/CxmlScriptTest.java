package dev.sipyard.routing.cxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.routing.DialStatus;
import dev.sipyard.routing.DialTarget;
import dev.sipyard.routing.DocumentSource;
import dev.sipyard.routing.Format;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CxmlScriptTest {
    private static final String URL = "https://app.example.com/voice/start";
    private static final DocumentSource WITH_FALLBACK =
            new DocumentSource(URL, "GET", "https://app.example.com/fallback", "POST", null, null);
    private static final DocumentSource NO_FALLBACK = new DocumentSource(URL, null, null, null, null, null);

    /** A script that has fetched {@code body} from the primary URL; returns the step it took. */
    private static Step run(CxmlScript script, String body) {
        script.next(new Outcome.Start());
        return script.next(new Outcome.Fetched(URL, body, "text/xml"));
    }

    private static String response(String verbs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>";
    }

    private static Outcome.Dialed dialed(DialStatus status) {
        return new Outcome.Dialed(status, "dial-sid-1", 7, 486);
    }

    @Test
    void startFetchesThePrimaryUrlWithItsMethodAndPostByDefault() {
        assertThat(new CxmlScript(WITH_FALLBACK).next(new Outcome.Start()))
                .isEqualTo(new Step.Fetch(URL, "GET", Format.CXML_FORM, Map.of()));
        assertThat(new CxmlScript(NO_FALLBACK).next(new Outcome.Start()))
                .isEqualTo(new Step.Fetch(URL, "POST", Format.CXML_FORM, Map.of()));
    }

    @Test
    void aFailedFetchGoesToTheFallbackWith11200ThenTo500() {
        CxmlScript script = new CxmlScript(WITH_FALLBACK);
        script.next(new Outcome.Start());
        assertThat(script.next(new Outcome.FetchFailed(URL, 500, "Internal Server Error"))).isEqualTo(new Step.Fetch(
                "https://app.example.com/fallback", "POST", Format.CXML_FORM, Map.of("ErrorCode", "11200", "ErrorUrl", URL)));
        assertThat(script.next(new Outcome.FetchFailed("https://app.example.com/fallback", 0, "connect timed out")))
                .isEqualTo(new Step.Refuse(500, "Document fetch failed: connect timed out"));
    }

    @Test
    void aDocumentThatIsNotCxmlGoesToTheFallbackWith12100() {
        for (String body : new String[] {"", "hello", "{\"a\":1}", "<Response>", "<Other/>", "<response/>"}) {
            CxmlScript script = new CxmlScript(WITH_FALLBACK);
            assertThat(run(script, body)).as(body).isEqualTo(new Step.Fetch("https://app.example.com/fallback", "POST",
                    Format.CXML_FORM, Map.of("ErrorCode", "12100", "ErrorUrl", URL)));
        }
    }

    @Test
    void withoutAFallbackABadDocumentIs500NamingTheFailure() {
        assertThat(run(new CxmlScript(NO_FALLBACK), "not xml"))
                .isEqualTo(new Step.Refuse(500, "Document fetch failed: not well-formed XML"));
        assertThat(run(new CxmlScript(NO_FALLBACK), "<Other/>"))
                .isEqualTo(new Step.Refuse(500, "Document fetch failed: not a cXML document (no <Response>)"));
    }

    @Test
    void theFallbackDocumentRunsWhenItIsGood() {
        CxmlScript script = new CxmlScript(WITH_FALLBACK);
        run(script, "oops");
        assertThat(script.next(new Outcome.Fetched("https://app.example.com/fallback", response("<Hangup/>"), "text/xml")))
                .isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }

    @Test
    void xxeAndEntityBombsAreParseFailuresNotFetchesOrHangs() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Response><Dial><Number>&x;</Number></Dial></Response>";
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        bomb.append("]><Response><Hangup>&lol9;</Hangup></Response>");
        for (String body : new String[] {xxe, bomb.toString()}) {
            long start = System.nanoTime();
            assertThat(run(new CxmlScript(NO_FALLBACK), body))
                    .isEqualTo(new Step.Refuse(500, "Document fetch failed: not well-formed XML"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void dialWithOneSipNounRingsItWithTheDefaults() {
        assertThat(run(new CxmlScript(NO_FALLBACK), response("<Dial><Sip> sip:bob@acme.sip.example </Sip></Dial>")))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Sip("sip:bob@acme.sip.example")), false, 30, null, null));
    }

    @Test
    void dialWithSeveralNounsRingsThemInParallelWithItsAttributes() {
        String doc = response("<Dial timeout=\"12\" callerId=\"+15550001111\" timeLimit=\"60\">"
                + "<Number>+1 (555) 222-3333</Number><Sip>sip:bob@acme.sip.example;transport=tcp</Sip></Dial>");
        assertThat(run(new CxmlScript(NO_FALLBACK), doc)).isEqualTo(new Step.Dial(
                List.of(new DialTarget.Number("+15552223333"), new DialTarget.Sip("sip:bob@acme.sip.example;transport=tcp")),
                true, 12, "+15550001111", 60));
    }

    @Test
    void aBareNumberIsDialled() {
        assertThat(run(new CxmlScript(NO_FALLBACK), response("<Dial>  555-222-3333 </Dial>")))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Number("5552223333")), false, 30, null, null));
    }

    @Test
    void dialTimeoutIsClampedAndBadAttributeValuesUseTheDefault() {
        record Case(String attributes, int timeout, Integer timeLimit) {}
        for (Case c : List.of(new Case("timeout=\"abc\"", 30, null), new Case("timeout=\"1\"", 5, null),
                new Case("timeout=\"100000\"", 600, null), new Case("timeout=\"\"", 30, null),
                new Case("timeLimit=\"-5\"", 30, null), new Case("timeLimit=\"x\"", 30, null),
                new Case("timeLimit=\"999999\"", 30, 86_400))) {
            Step step = run(new CxmlScript(NO_FALLBACK), response("<Dial " + c.attributes() + ">5552223333</Dial>"));
            assertThat(step).as(c.attributes()).isEqualTo(
                    new Step.Dial(List.of(new DialTarget.Number("5552223333")), false, c.timeout(), null, c.timeLimit()));
        }
    }

    @Test
    void aCompletedDialFinishesTheScript() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Dial action=\"/after\">5552223333</Dial><Hangup/>"));
        assertThat(script.next(dialed(DialStatus.COMPLETED))).isEqualTo(new Step.Finished());
        assertThatThrownBy(() -> script.next(new Outcome.Paused())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDialThatDidNotConnectFetchesItsActionResolvedAgainstTheDocument() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Dial action=\"next?step=2\" method=\"get\"><Sip>sip:bob@x</Sip></Dial><Hangup/>"));
        assertThat(script.next(dialed(DialStatus.NO_ANSWER))).isEqualTo(new Step.Fetch(
                "https://app.example.com/voice/next?step=2", "GET", Format.CXML_FORM,
                Map.of("DialCallStatus", "no-answer", "DialCallSid", "dial-sid-1", "DialCallDuration", "7")));
        // "try bob, then the gateway": the action's document runs
        assertThat(script.next(new Outcome.Fetched("https://app.example.com/voice/next?step=2",
                response("<Dial><Number>+15552223333</Number></Dial>"), "text/xml")))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Number("+15552223333")), false, 30, null, null));
    }

    @Test
    void anActionIsPostedByDefaultAndABadMethodMeansPost() {
        for (String method : new String[] {"", " method=\"PUT\"", " method=\"post\""}) {
            CxmlScript script = new CxmlScript(NO_FALLBACK);
            run(script, response("<Dial action=\"https://other.example/a\"" + method + ">5552223333</Dial>"));
            assertThat(script.next(dialed(DialStatus.BUSY))).as(method).isEqualTo(new Step.Fetch("https://other.example/a",
                    "POST", Format.CXML_FORM,
                    Map.of("DialCallStatus", "busy", "DialCallSid", "dial-sid-1", "DialCallDuration", "7")));
        }
    }

    @Test
    void withoutAnActionTheNextVerbRunsAfterAFailedDial() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Dial>5552223333</Dial><Reject reason=\"busy\"/>"));
        assertThat(script.next(dialed(DialStatus.FAILED))).isEqualTo(new Step.Refuse(486, "Rejected by document (busy)"));
    }

    @Test
    void rejectAndHangupRefuseTheCall() {
        assertThat(run(new CxmlScript(NO_FALLBACK), response("<Reject reason=\"busy\"/>")))
                .isEqualTo(new Step.Refuse(486, "Rejected by document (busy)"));
        assertThat(run(new CxmlScript(NO_FALLBACK), response("<Reject reason=\"rejected\"/>")))
                .isEqualTo(new Step.Refuse(603, "Rejected by document (rejected)"));
        assertThat(run(new CxmlScript(NO_FALLBACK), response("<Reject/>")))
                .isEqualTo(new Step.Refuse(603, "Rejected by document (rejected)"));
        assertThat(run(new CxmlScript(NO_FALLBACK), response("<Hangup/>")))
                .isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }

    @Test
    void pauseWaitsThenTheNextVerbRuns() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        assertThat(run(script, response("<Pause length=\"3\"/><Pause/><Pause length=\"9999\"/><Pause length=\"-1\"/>"
                + "<Pause length=\"x\"/><Dial>5552223333</Dial>"))).isEqualTo(new Step.Pause(3));
        assertThat(script.next(new Outcome.Paused())).isEqualTo(new Step.Pause(1));
        assertThat(script.next(new Outcome.Paused())).isEqualTo(new Step.Pause(600));
        assertThat(script.next(new Outcome.Paused())).isEqualTo(new Step.Pause(0));
        assertThat(script.next(new Outcome.Paused())).isEqualTo(new Step.Pause(1));
        assertThat(script.next(new Outcome.Paused())).isInstanceOf(Step.Dial.class);
    }

    @Test
    void theEndOfTheVerbsWithNothingConnectedIs603() {
        assertThat(run(new CxmlScript(NO_FALLBACK), response("")))
                .isEqualTo(new Step.Refuse(603, "Document ended without connecting the call"));
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Dial>5552223333</Dial>"));
        assertThat(script.next(dialed(DialStatus.CANCELED)))
                .isEqualTo(new Step.Refuse(603, "Document ended without connecting the call"));
    }

    @Test
    void redirectFetchesTheNextDocumentAtMostTenTimes() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        String loop = response("<Redirect method=\"GET\">loop.xml</Redirect>");
        Step step = run(script, loop);
        for (int i = 1; i <= 10; i++) {
            assertThat(step).as("redirect " + i)
                    .isEqualTo(new Step.Fetch("https://app.example.com/voice/loop.xml", "GET", Format.CXML_FORM, Map.of()));
            step = script.next(new Outcome.Fetched("https://app.example.com/voice/loop.xml", loop, "text/xml"));
        }
        assertThat(step).isEqualTo(new Step.Refuse(500, "More than 10 <Redirect>s (or <Record>s without action) in one call"));
    }

    @Test
    void relativeUrlsResolveAgainstTheFinalUrlOfTheDocument() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        script.next(new Outcome.Start());
        assertThat(script.next(new Outcome.Fetched("https://moved.example.com/v2/doc", response("<Redirect>/n</Redirect>"),
                "text/xml"))).isEqualTo(new Step.Fetch("https://moved.example.com/n", "POST", Format.CXML_FORM, Map.of()));
    }

    @Test
    void unknownVerbsAre501NamingThem() {
        for (String verb : new String[] {"Enqueue", "Connect", "Pay", "dial", "say", "Foo"}) {
            assertThat(run(new CxmlScript(NO_FALLBACK), response("<" + verb + ">hi</" + verb + "><Hangup/>"))).as(verb)
                    .isEqualTo(new Step.Refuse(501, "cXML verb " + verb + " is not supported on this server yet"));
        }
        assertThat(run(new CxmlScript(NO_FALLBACK), response("<Dial><Conference>room</Conference></Dial>")))
                .isEqualTo(new Step.Refuse(501, "cXML noun Conference is not supported on this server yet"));
    }

    @Test
    void aDialTheDocumentGotWrongIsADocumentFailure() {
        for (String dial : new String[] {"<Dial/>", "<Dial>   </Dial>", "<Dial>bob</Dial>", "<Dial><Number>12</Number></Dial>",
                "<Dial><Sip>http://x</Sip></Dial>", "<Dial><Sip>sip:a b@c</Sip></Dial>",
                "<Dial action=\"ftp://x/y\">5552223333</Dial>"}) {
            Step step = run(new CxmlScript(WITH_FALLBACK), response(dial));
            assertThat(step).as(dial).isEqualTo(new Step.Fetch("https://app.example.com/fallback", "POST", Format.CXML_FORM,
                    Map.of("ErrorCode", "12100", "ErrorUrl", URL)));
        }
        assertThat(run(new CxmlScript(NO_FALLBACK), response("<Dial/>")))
                .isEqualTo(new Step.Refuse(500, "Document fetch failed: <Dial> names nobody to call"));
    }

    @Test
    void tenThousandVerbsAreFine() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        Step step = run(script, response("<Pause length=\"0\"/>".repeat(10_000) + "<Hangup/>"));
        int pauses = 0;
        while (step instanceof Step.Pause) {
            pauses++;
            step = script.next(new Outcome.Paused());
        }
        assertThat(pauses).isEqualTo(10_000);
        assertThat(step).isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }

    @Test
    void anOutcomeThatDoesNotAnswerTheStepIsAnEngineBug() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        assertThatThrownBy(() -> script.next(new Outcome.Paused())).isInstanceOf(IllegalStateException.class);
        script.next(new Outcome.Start());
        assertThatThrownBy(() -> script.next(dialed(DialStatus.BUSY))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBomAndLeadingWhitespaceAreTolerated() {
        assertThat(run(new CxmlScript(NO_FALLBACK), "\uFEFF\n  " + response("<Hangup/>")))
                .isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }
}
