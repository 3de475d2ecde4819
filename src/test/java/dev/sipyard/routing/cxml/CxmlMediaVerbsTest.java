package dev.sipyard.routing.cxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.routing.DialStatus;
import dev.sipyard.routing.DialTarget;
import dev.sipyard.routing.DocumentSource;
import dev.sipyard.routing.Format;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.PromptList;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.Step.Prompt;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Say, Play, Pause, Gather and Record, and how Hangup, Reject, Dial and the end behave once answered. */
class CxmlMediaVerbsTest {
    private static final String URL = "https://app.example.com/voice/start";
    private static final String FALLBACK = "https://app.example.com/fallback";
    private static final DocumentSource NO_FALLBACK = new DocumentSource(URL, null, null, null, null, null);
    private static final DocumentSource WITH_FALLBACK = new DocumentSource(URL, null, FALLBACK, "POST", null, null);
    private static final Outcome.Played NOTHING_PRESSED = new Outcome.Played("", "timeout");
    private static final Step.Collect GATHER_DEFAULTS = new Step.Collect(Step.Collect.MAX_DIGITS, "#", 5, true);

    private static Step run(CxmlScript script, String body) {
        script.next(new Outcome.Start());
        return script.next(new Outcome.Fetched(URL, body, "text/xml"));
    }

    private static Step run(String verbs) {
        return run(new CxmlScript(NO_FALLBACK), response(verbs));
    }

    private static String response(String verbs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>";
    }

    private static Step.Play play(Prompt... prompts) {
        return new Step.Play(List.of(prompts), null);
    }

    private static Step.Play gathering(Step.Collect collect, Prompt... prompts) {
        return new Step.Play(List.of(prompts), collect);
    }

    private static Step unusable(String reason) {
        return new Step.Refuse(500, "Document fetch failed: " + reason);
    }

    private static Outcome.Recorded recorded(String digits) {
        return new Outcome.Recorded("RE123", "https://sipyard.example/recordings/RE123.wav", 12, digits);
    }

    // <Say>

    @Test
    void sayIsSpokenWithItsVoiceAndLanguageThenTheNextVerbRuns() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        assertThat(run(script, response("<Say voice=\"Polly.Joanna\" language=\"en-GB\">\n  Hello there  </Say>"
                + "<Say>Bye</Say><Hangup/>")))
                .isEqualTo(play(new Prompt.Speech("Hello there", "Polly.Joanna", "en-GB")));
        assertThat(script.next(new Outcome.Played("", "prompts-ended"))).isEqualTo(play(new Prompt.Speech("Bye", null, null)));
        assertThat(script.next(new Outcome.Played("", "prompts-ended"))).isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }

    @Test
    void sayLoopRepeatsAndZeroMeansUpToTheCap() {
        record Case(String loop, int times) {}
        for (Case c : List.of(new Case("3", 3), new Case("1", 1), new Case("0", PromptList.MAX_PROMPTS),
                new Case("5000", PromptList.MAX_PROMPTS), new Case("-2", 1), new Case("twice", 1), new Case("", 1))) {
            Step step = run("<Say loop=\"" + c.loop() + "\">Hi</Say>");
            assertThat(step).as(c.loop())
                    .isEqualTo(new Step.Play(Collections.nCopies(c.times(), new Prompt.Speech("Hi", null, null)), null));
        }
    }

    @Test
    void aSayWithoutTextIsSkipped() {
        assertThat(run("<Say/><Say>   </Say><Hangup/>")).isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }

    @Test
    void sayTextUpTo4096CharactersIsSpokenAndLongerMakesTheDocumentUnusable() {
        String limit = "a".repeat(PromptList.MAX_SPEECH_CHARS);
        assertThat(run("<Say>" + limit + "</Say>")).isEqualTo(play(new Prompt.Speech(limit, null, null)));
        String huge = "word ".repeat(20_000);
        assertThat(run("<Say>" + huge + "</Say>")).isEqualTo(unusable("<Say> text is longer than 4096 characters"));
        assertThat(run(new CxmlScript(WITH_FALLBACK), response("<Say>" + huge + "</Say>"))).isEqualTo(
                new Step.Fetch(FALLBACK, "POST", Format.CXML_FORM, Map.of("ErrorCode", "12100", "ErrorUrl", URL)));
    }

    @Test
    void ssmlInsideSayIsReadAsItsText() {
        assertThat(run("<Say>Press <emphasis>one</emphasis> now.<break time=\"1s\"/></Say>"))
                .isEqualTo(play(new Prompt.Speech("Press one now.", null, null)));
    }

    // <Play>

    @Test
    void playResolvesItsUrlAgainstTheDocumentAndLoops() {
        assertThat(run("<Play>greeting.wav</Play>"))
                .isEqualTo(play(new Prompt.Audio("https://app.example.com/voice/greeting.wav")));
        assertThat(run("<Play loop=\"2\"> https://cdn.example.com/a.mp3 </Play>")).isEqualTo(
                play(new Prompt.Audio("https://cdn.example.com/a.mp3"), new Prompt.Audio("https://cdn.example.com/a.mp3")));
    }

    @Test
    void aPlayWithoutAUsableUrlMakesTheDocumentUnusable() {
        for (String verb : new String[] {"<Play/>", "<Play>  </Play>", "<Play>ftp://x/a.wav</Play>",
                "<Play>file:///etc/passwd</Play>", "<Play>http://</Play>"}) {
            assertThat(run(verb)).as(verb).isEqualTo(unusable("<Play> has no valid audio URL"));
        }
    }

    @Test
    void playDigitsSendsDtmfWithPausesInsteadOfTheUrl() {
        assertThat(run("<Play digits=\"1w2#W*ab\">ignored.wav</Play>")).isEqualTo(play(new Prompt.Digits("1w2#ww*AB")));
        assertThat(run("<Play digits=\"9\" loop=\"2\"/>"))
                .isEqualTo(play(new Prompt.Digits("9"), new Prompt.Digits("9")));
        for (String digits : new String[] {"", "12x", "1 2", "9".repeat(CxmlPrompts.MAX_DIGITS_CHARS + 1)}) {
            assertThat(run("<Play digits=\"" + digits + "\"/>")).as(digits)
                    .isEqualTo(unusable("<Play digits> must be 1 to 256 of 0-9, *, #, A-D, w and W"));
        }
    }

    // <Gather>

    @Test
    void gatherWithoutAttributesCollectsUntilTheHashOrFiveSecondsOfSilence() {
        assertThat(run("<Gather/>")).isEqualTo(gathering(GATHER_DEFAULTS));
    }

    @Test
    void gatherPlaysItsNestedSayPlayAndPauseWhileCollecting() {
        String doc = "<Gather numDigits=\"4\" timeout=\"10\" finishOnKey=\"*\" action=\"/menu\" method=\"GET\">"
                + "<Say voice=\"woman\">Enter your PIN</Say><Pause length=\"2\"/><Play>beep.wav</Play><Pause length=\"0\"/>"
                + "</Gather>";
        assertThat(run(doc)).isEqualTo(gathering(new Step.Collect(4, "*", 10, true),
                new Prompt.Speech("Enter your PIN", "woman", null), new Prompt.Silence(2000),
                new Prompt.Audio("https://app.example.com/voice/beep.wav")));
    }

    @Test
    void gatherNumDigitsIsClampedAndBadValuesMeanTheDefault() {
        record Case(String numDigits, int maxDigits) {}
        for (Case c : List.of(new Case("100000", Step.Collect.MAX_DIGITS), new Case("129", Step.Collect.MAX_DIGITS),
                new Case("128", 128), new Case("1", 1), new Case("0", 1), new Case("-3", 1),
                new Case("abc", Step.Collect.MAX_DIGITS), new Case("1.5", Step.Collect.MAX_DIGITS),
                new Case("99999999999999999999", Step.Collect.MAX_DIGITS))) {
            assertThat(run("<Gather numDigits=\"" + c.numDigits() + "\"/>")).as(c.numDigits())
                    .isEqualTo(gathering(new Step.Collect(c.maxDigits(), "#", 5, true)));
        }
    }

    @Test
    void gatherTimeoutFinishOnKeyAndBargeIn() {
        record Case(String attributes, Step.Collect collect) {}
        for (Case c : List.of(new Case("timeout=\"0\"", new Step.Collect(128, "#", 1, true)),
                new Case("timeout=\"99999\"", new Step.Collect(128, "#", 600, true)),
                new Case("timeout=\"soon\"", new Step.Collect(128, "#", 5, true)),
                new Case("finishOnKey=\"\"", new Step.Collect(128, "", 5, true)),
                new Case("finishOnKey=\"*#\"", new Step.Collect(128, "*#", 5, true)),
                new Case("finishOnKey=\"x\"", new Step.Collect(128, "#", 5, true)),
                new Case("bargeIn=\"false\"", new Step.Collect(128, "#", 5, false)),
                new Case("bargeIn=\"maybe\"", new Step.Collect(128, "#", 5, true)))) {
            assertThat(run("<Gather " + c.attributes() + "/>")).as(c.attributes()).isEqualTo(gathering(c.collect()));
        }
    }

    @Test
    void gatheredDigitsGoToTheActionAsDigits() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Gather numDigits=\"1\" action=\"menu?level=1\" method=\"GET\"><Say>Press 1</Say></Gather>"
                + "<Hangup/>"));
        assertThat(script.next(new Outcome.Played("1", "max-digits"))).isEqualTo(new Step.Fetch(
                "https://app.example.com/voice/menu?level=1", "GET", Format.CXML_FORM, Map.of("Digits", "1")));
        assertThat(script.next(new Outcome.Fetched("https://app.example.com/voice/menu?level=1",
                response("<Say>Sales</Say>"), "text/xml"))).isEqualTo(play(new Prompt.Speech("Sales", null, null)));
    }

    @Test
    void digitsEndedByTheTimeoutAreSentToo() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Gather action=\"/pin\"/>"));
        assertThat(script.next(new Outcome.Played("12", "timeout")))
                .isEqualTo(new Step.Fetch("https://app.example.com/pin", "POST", Format.CXML_FORM, Map.of("Digits", "12")));
    }

    @Test
    void withoutInputTheNextVerbRuns() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Gather action=\"/menu\"><Say>Press 1</Say></Gather><Say>We got nothing</Say>"));
        assertThat(script.next(NOTHING_PRESSED)).isEqualTo(play(new Prompt.Speech("We got nothing", null, null)));
        assertThat(script.next(new Outcome.Played("", "prompts-ended"))).isEqualTo(new Step.Refuse(603, "Document ended"));
    }

    @Test
    void onlyTheFinishKeyIsNoInputEither() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Gather action=\"/menu\"/><Hangup/>"));
        assertThat(script.next(new Outcome.Played("", "finish-key"))).isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }

    @Test
    void actionOnEmptyResultSendsEmptyDigits() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Gather action=\"/menu\" actionOnEmptyResult=\"true\"/><Hangup/>"));
        assertThat(script.next(NOTHING_PRESSED))
                .isEqualTo(new Step.Fetch("https://app.example.com/menu", "POST", Format.CXML_FORM, Map.of("Digits", "")));
    }

    @Test
    void withoutAnActionDigitsArePostedToTheCurrentDocument() {
        CxmlScript script = new CxmlScript(new DocumentSource(URL, "GET", null, null, null, null));
        script.next(new Outcome.Start());
        script.next(new Outcome.Fetched("https://app.example.com/v2/ivr", response("<Gather/>"), "text/xml"));
        assertThat(script.next(new Outcome.Played("42", "finish-key")))
                .isEqualTo(new Step.Fetch("https://app.example.com/v2/ivr", "POST", Format.CXML_FORM, Map.of("Digits", "42")));
    }

    @Test
    void speechOnlyInputIsNotSupportedButDtmfWithSpeechGathersDigits() {
        assertThat(run("<Gather input=\"speech\"><Say>Say something</Say></Gather>")).isEqualTo(
                new Step.Refuse(501, "<Gather input=\"speech\">: speech input is not supported on this server"));
        for (String input : new String[] {"dtmf speech", "speech dtmf", "DTMF", "dtmf,speech", "nonsense"}) {
            assertThat(run("<Gather input=\"" + input + "\" hints=\"yes, no\" language=\"fr-FR\"/>")).as(input)
                    .isEqualTo(gathering(GATHER_DEFAULTS));
        }
    }

    @Test
    void aGatherTheDocumentGotWrongIsADocumentFailure() {
        assertThat(run("<Gather><Dial>5552223333</Dial></Gather>"))
                .isEqualTo(unusable("<Gather> may hold only <Say>, <Play> and <Pause>, not <Dial>"));
        assertThat(run("<Gather action=\"ftp://x/y\"/>")).isEqualTo(unusable("<Gather action> is not a valid URL"));
        assertThat(run("<Gather><Play/></Gather>")).isEqualTo(unusable("<Play> has no valid audio URL"));
        assertThat(run("<Gather><Say>" + "x".repeat(100_000) + "</Say></Gather>"))
                .isEqualTo(unusable("<Say> text is longer than 4096 characters"));
    }

    @Test
    void endlessLoopsInsideAGatherStopAtTheCap() {
        Step step = run("<Gather><Say loop=\"0\">one</Say><Play loop=\"0\">two.wav</Play></Gather>");
        List<Prompt> prompts = ((Step.Play) step).prompts();
        assertThat(prompts).hasSize(PromptList.MAX_PROMPTS).containsOnly(new Prompt.Speech("one", null, null));
    }

    // <Pause> at the top level is a Step.Pause (CxmlScriptTest); inside Gather it is silence (above).

    // <Record>

    @Test
    void recordWithoutAttributesUsesTheDefaults() {
        assertThat(run("<Record/>")).isEqualTo(new Step.Record(3600, 5, "1234567890*#", true, null, "POST"));
    }

    @Test
    void recordAttributes() {
        assertThat(run("<Record maxLength=\"30\" timeout=\"0\" finishOnKey=\"\" playBeep=\"false\" transcribe=\"true\""
                + " recordingStatusCallback=\"/rec-status\" recordingStatusCallbackMethod=\"GET\"/>"))
                .isEqualTo(new Step.Record(30, 0, "", false, "https://app.example.com/rec-status", "GET"));
        record Case(String attributes, Step.Record step) {}
        for (Case c : List.of(new Case("maxLength=\"0\"", new Step.Record(3600, 5, "1234567890*#", true, null, "POST")),
                new Case("maxLength=\"86400\"", new Step.Record(3600, 5, "1234567890*#", true, null, "POST")),
                new Case("maxLength=\"-1\"", new Step.Record(3600, 5, "1234567890*#", true, null, "POST")),
                new Case("timeout=\"x\" finishOnKey=\"#\"", new Step.Record(3600, 5, "#", true, null, "POST")),
                new Case("finishOnKey=\"abc\" playBeep=\"FALSE\"", new Step.Record(3600, 5, "1234567890*#", false, null, "POST")))) {
            assertThat(run("<Record " + c.attributes() + "/>")).as(c.attributes()).isEqualTo(c.step());
        }
        assertThat(run("<Record recordingStatusCallback=\"mailto:a@b\"/>"))
                .isEqualTo(unusable("<Record recordingStatusCallback> is not a valid URL"));
        assertThat(run("<Record action=\"ftp://a/b\"/>")).isEqualTo(unusable("<Record action> is not a valid URL"));
    }

    @Test
    void theRecordingGoesToTheAction() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Say>Leave a message</Say><Record action=\"/saved\" method=\"GET\"/><Hangup/>"));
        script.next(new Outcome.Played("", "prompts-ended"));
        assertThat(script.next(recorded("#"))).isEqualTo(new Step.Fetch("https://app.example.com/saved", "GET",
                Format.CXML_FORM, Map.of("RecordingUrl", "https://sipyard.example/recordings/RE123.wav",
                        "RecordingDuration", "12", "RecordingSid", "RE123", "Digits", "#")));
    }

    @Test
    void nothingRecordedRunsTheNextVerb() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Record action=\"/saved\"/><Say>No message</Say>"));
        assertThat(script.next(new Outcome.Recorded(null, null, 0, "")))
                .isEqualTo(play(new Prompt.Speech("No message", null, null)));
    }

    @Test
    void withoutAnActionTheDocumentIsRequestedAgainAtMostTenTimes() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        String doc = response("<Record/>");
        Step step = run(script, doc);
        for (int i = 1; i <= CxmlScript.MAX_REDIRECTS; i++) {
            assertThat(step).as("record " + i).isEqualTo(new Step.Record(3600, 5, "1234567890*#", true, null, "POST"));
            assertThat(script.next(recorded(""))).as("re-request " + i).isEqualTo(new Step.Fetch(URL, "POST",
                    Format.CXML_FORM, Map.of("RecordingUrl", "https://sipyard.example/recordings/RE123.wav",
                            "RecordingDuration", "12", "RecordingSid", "RE123", "Digits", "")));
            step = script.next(new Outcome.Fetched(URL, doc, "text/xml"));
        }
        assertThat(script.next(recorded("")))
                .isEqualTo(new Step.Refuse(500, "More than 10 <Redirect>s (or <Record>s without action) in one call"));
    }

    @Test
    void redirectsAndRecordsWithoutActionShareTheLimit() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        String doc = response("<Redirect>/other</Redirect>");
        Step step = run(script, doc);
        for (int i = 1; i < CxmlScript.MAX_REDIRECTS; i++) {
            step = script.next(new Outcome.Fetched("https://app.example.com/other", doc, "text/xml"));
        }
        assertThat(step).isInstanceOf(Step.Fetch.class);
        assertThat(script.next(new Outcome.Fetched("https://app.example.com/other", response("<Record/>"), "text/xml")))
                .isInstanceOf(Step.Record.class);
        assertThat(script.next(recorded("")))
                .isEqualTo(new Step.Refuse(500, "More than 10 <Redirect>s (or <Record>s without action) in one call"));
    }

    // After answering

    /** A script whose caller was answered by a Say; returns the step after it. */
    private static Step answeredThen(CxmlScript script, String verbs) {
        run(script, response("<Say>Hi</Say>" + verbs));
        return script.next(new Outcome.Played("", "prompts-ended"));
    }

    @Test
    void rejectAfterAnsweringHangsUp() {
        assertThat(answeredThen(new CxmlScript(NO_FALLBACK), "<Reject reason=\"busy\"/>"))
                .isEqualTo(new Step.Refuse(603, "Hung up by document (<Reject> after answering)"));
        assertThat(answeredThen(new CxmlScript(NO_FALLBACK), "<Hangup/>")).isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }

    @Test
    void theAnswerIsRememberedAcrossDocuments() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        assertThat(answeredThen(script, "<Redirect>/next</Redirect>")).isInstanceOf(Step.Fetch.class);
        assertThat(script.next(new Outcome.Fetched("https://app.example.com/next", response("<Reject/>"), "text/xml")))
                .isEqualTo(new Step.Refuse(603, "Hung up by document (<Reject> after answering)"));
    }

    @Test
    void aRecordingAnswersToo() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Record action=\"/a\"/><Reject/>"));
        assertThat(script.next(new Outcome.Recorded(null, null, 0, "")))
                .isEqualTo(new Step.Refuse(603, "Hung up by document (<Reject> after answering)"));
    }

    @Test
    void dialAfterAnsweringIsTheSameDial() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        assertThat(answeredThen(script, "<Dial timeout=\"20\"><Sip>sip:bob@acme.sip.example</Sip></Dial><Say>Bye</Say>"))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Sip("sip:bob@acme.sip.example")), false, 20, null, null));
        assertThat(script.next(new Outcome.Dialed(DialStatus.NO_ANSWER, "d1", 0, 480)))
                .isEqualTo(play(new Prompt.Speech("Bye", null, null)));
        CxmlScript bridged = new CxmlScript(NO_FALLBACK);
        answeredThen(bridged, "<Dial>5552223333</Dial><Say>Bye</Say>");
        assertThat(bridged.next(new Outcome.Dialed(DialStatus.COMPLETED, "d1", 30, 200)))
                .as("a bridge ends when a side hangs up; the document goes on")
                .isEqualTo(play(new Prompt.Speech("Bye", null, null)));
        CxmlScript withAction = new CxmlScript(NO_FALLBACK);
        answeredThen(withAction, "<Dial action=\"/after\">5552223333</Dial><Say>Bye</Say>");
        Step after = withAction.next(new Outcome.Dialed(DialStatus.COMPLETED, "d1", 30, 200));
        assertThat(after).isInstanceOf(Step.Fetch.class);
        assertThat(((Step.Fetch) after).extraParams()).containsEntry("DialCallStatus", "completed")
                .containsEntry("DialCallDuration", "30");
    }

    @Test
    void theEndOfTheDocumentAfterAnsweringHangsUp() {
        assertThat(answeredThen(new CxmlScript(NO_FALLBACK), "")).isEqualTo(new Step.Refuse(603, "Document ended"));
    }

    @Test
    void pauseAfterAnsweringIsAPause() {
        assertThat(answeredThen(new CxmlScript(NO_FALLBACK), "<Pause length=\"2\"/>")).isEqualTo(new Step.Pause(2));
    }

    // Robustness

    @Test
    void unknownAttributesAreIgnored() {
        assertThat(run("<Say foo=\"bar\" voice=\"man\" rate=\"fast\">Hi</Say>"))
                .isEqualTo(play(new Prompt.Speech("Hi", "man", null)));
        assertThat(run("<Gather speechTimeout=\"auto\" enhanced=\"true\" partialResultCallback=\"/p\" x=\"y\"/>"))
                .isEqualTo(gathering(GATHER_DEFAULTS));
        assertThat(run("<Record trim=\"do-not-trim\" storageUrl=\"https://s\" whatever=\"1\"/>"))
                .isEqualTo(new Step.Record(3600, 5, "1234567890*#", true, null, "POST"));
    }

    @Test
    void anOutcomeThatDoesNotAnswerAMediaStepIsAnEngineBug() {
        CxmlScript script = new CxmlScript(NO_FALLBACK);
        run(script, response("<Say>Hi</Say>"));
        assertThatThrownBy(() -> script.next(new Outcome.Paused())).isInstanceOf(IllegalStateException.class);
        CxmlScript recording = new CxmlScript(NO_FALLBACK);
        run(recording, response("<Record/>"));
        assertThatThrownBy(() -> recording.next(NOTHING_PRESSED)).isInstanceOf(IllegalStateException.class);
        CxmlScript gathering = new CxmlScript(NO_FALLBACK);
        run(gathering, response("<Gather/>"));
        assertThatThrownBy(() -> gathering.next(new Outcome.Answered())).isInstanceOf(IllegalStateException.class);
    }
}
