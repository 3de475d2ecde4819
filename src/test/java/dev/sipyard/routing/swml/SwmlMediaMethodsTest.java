package dev.sipyard.routing.swml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.routing.DialStatus;
import dev.sipyard.routing.DialTarget;
import dev.sipyard.routing.DocumentSource;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.Step.Prompt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** answer, play, prompt and record, the variables they set, and the routing methods once answered. */
class SwmlMediaMethodsTest {
    private static final String URL = "https://app.example.com/swml";
    private static final DocumentSource SOURCE = new DocumentSource(URL, "POST", null, null, null, null);
    private static final Map<String, String> CALL =
            SwmlScript.callVariables("alice", "+15552223333", "call-1", "inbound", "proj-1");
    private static final Step.Collect PROMPT_DEFAULTS = new Step.Collect(1, "", 5, true);
    private static final Step.Record RECORD_DEFAULTS = new Step.Record(3600, 5, "#", false, null, "POST");
    private static final Outcome.Played PROMPTS_ENDED = new Outcome.Played("", "prompts-ended");

    private static SwmlScript script() {
        return new SwmlScript(SOURCE, CALL);
    }

    private static Step run(SwmlScript script, String body) {
        script.next(new Outcome.Start());
        return script.next(new Outcome.Fetched(URL, body, "application/json"));
    }

    private static Step run(String steps) {
        return run(script(), main(steps));
    }

    private static String main(String steps) {
        return "{\"version\":\"1.0.0\",\"sections\":{\"main\":[" + steps + "]}}";
    }

    private static Step.Play play(Prompt... prompts) {
        return new Step.Play(List.of(prompts), null);
    }

    private static Step.Play prompt(Step.Collect collect, Prompt... prompts) {
        return new Step.Play(List.of(prompts), collect);
    }

    private static Step invalid(String reason) {
        return new Step.Refuse(500, "Document fetch failed: " + reason);
    }

    private static Step.Play say(String text) {
        return play(new Prompt.Speech(text, null, null));
    }

    // answer

    @Test
    void answerAnswersOnceThenTheDocumentGoesOn() {
        SwmlScript script = script();
        assertThat(run(script, main("{\"answer\":{\"max_duration\":60}},\"answer\",{\"play\":{\"url\":\"say:Hi\"}}")))
                .isEqualTo(new Step.Answer());
        assertThat(script.next(new Outcome.Answered())).isEqualTo(say("Hi"));
    }

    @Test
    void theEndOfMainAfterAnsweringHangsUp() {
        SwmlScript script = script();
        run(script, main("\"answer\""));
        assertThat(script.next(new Outcome.Answered())).isEqualTo(new Step.Refuse(603, "Document ended"));
    }

    // play

    @Test
    void playOneUrl() {
        assertThat(run("{\"play\":{\"url\":\"https://cdn.example.com/welcome.mp3\"}}"))
                .isEqualTo(play(new Prompt.Audio("https://cdn.example.com/welcome.mp3")));
    }

    @Test
    void playSeveralSoundsOfEveryKind() {
        String steps = "{\"play\":{\"volume\":20,\"auto_answer\":false,\"urls\":[\"https://cdn.example.com/a.wav\","
                + "\"say: this is something to say\",\"silence: 2.5\",\"ring:us\",\"ring:3.2:uk\",\"ring: 20.0: us-old\","
                + "\"SAY:Upper\"]}}";
        assertThat(run(steps)).isEqualTo(play(new Prompt.Audio("https://cdn.example.com/a.wav"),
                new Prompt.Speech("this is something to say", null, null), new Prompt.Silence(2500),
                new Prompt.Silence(SwmlSounds.ONE_RING_SECONDS * 1000), new Prompt.Silence(3200),
                new Prompt.Silence(20_000), new Prompt.Speech("Upper", null, null)));
    }

    @Test
    void sayVoiceAndLanguageComeFromTheMethodOrTheVariables() {
        assertThat(run("{\"play\":{\"url\":\"say:Hola\",\"say_voice\":\"Polly.Lupe\",\"say_language\":\"es-US\"}}"))
                .isEqualTo(play(new Prompt.Speech("Hola", "Polly.Lupe", "es-US")));
        assertThat(run("{\"set\":{\"say_voice\":\"gcloud.en-US-Neural2-A\",\"say_language\":\"en-US\"}},"
                + "{\"play\":{\"url\":\"say:Hi\"}}"))
                .isEqualTo(play(new Prompt.Speech("Hi", "gcloud.en-US-Neural2-A", "en-US")));
        assertThat(run("{\"play\":{\"url\":\"say:Hi\",\"say_gender\":\"male\"}}"))
                .isEqualTo(play(new Prompt.Speech("Hi", "man", null)));
        assertThat(run("{\"play\":{\"url\":\"say:Hi\",\"say_gender\":\"female\",\"say_voice\":\"Polly.Joanna\"}}"))
                .isEqualTo(play(new Prompt.Speech("Hi", "Polly.Joanna", null)));
    }

    @Test
    void soundsAreSubstituted() {
        assertThat(run("{\"set\":{\"name\":\"Bob\",\"file\":\"hello\"}},"
                + "{\"play\":{\"urls\":[\"say:Hello ${name}, you are %{call.from}\",\"https://cdn.example.com/${file}.wav\"]}}"))
                .isEqualTo(play(new Prompt.Speech("Hello Bob, you are alice", null, null),
                        new Prompt.Audio("https://cdn.example.com/hello.wav")));
    }

    @Test
    void playAcceptsABareSoundOrList() {
        assertThat(run("{\"play\":\"say:Hi\"}")).isEqualTo(say("Hi"));
        assertThat(run("{\"play\":[\"say:Hi\",\"silence:1\"]}"))
                .isEqualTo(play(new Prompt.Speech("Hi", null, null), new Prompt.Silence(1000)));
    }

    @Test
    void playThenTheNextMethodRuns() {
        SwmlScript script = script();
        run(script, main("{\"play\":{\"url\":\"say:One\"}},{\"play\":{\"url\":\"say:Two\"}},\"hangup\""));
        assertThat(script.next(PROMPTS_ENDED)).isEqualTo(say("Two"));
        assertThat(script.next(PROMPTS_ENDED)).isEqualTo(new Step.Refuse(603, "Hung up by document"));
    }

    @Test
    void silenceIsBoundedAndEmptySpeechIsNothing() {
        assertThat(run("{\"play\":{\"urls\":[\"silence:99999\",\"silence:0\",\"say:   \"]}}"))
                .isEqualTo(play(new Prompt.Silence(600_000), new Prompt.Silence(0)));
    }

    @Test
    void aPlayTheDocumentGotWrongIsADocumentFailure() {
        record Case(String play, String reason) {}
        for (Case c : List.of(new Case("{}", "SWML play needs url or urls"),
                new Case("{\"urls\":[]}", "SWML play needs url or urls"),
                new Case("{\"volume\":3}", "SWML play needs url or urls"),
                new Case("{\"url\":null}", "SWML play needs url or urls"),
                new Case("null", "SWML play needs url or urls"),
                new Case("{\"url\":\"say:a\",\"urls\":[\"say:b\"]}", "SWML play takes url or urls, not both"),
                new Case("{\"url\":\"ftp://x/a.wav\"}", "SWML play sound is neither an http(s) URL nor say:, silence: or ring:"),
                new Case("{\"url\":\"welcome.mp3\"}", "SWML play sound is neither an http(s) URL nor say:, silence: or ring:"),
                new Case("{\"url\":\"https://\"}", "SWML play URL is not a valid http(s) URL"),
                new Case("{\"url\":\"silence:soon\"}", "SWML silence: needs a number of seconds"),
                new Case("{\"url\":\"silence:-1\"}", "SWML silence: needs a number of seconds"),
                new Case("{\"url\":\"ring:\"}", "SWML ring: needs [seconds:]country, e.g. ring:20.0:us"),
                new Case("{\"url\":\"ring:x:us\"}", "SWML ring: needs [seconds:]country, e.g. ring:20.0:us"),
                new Case("{\"urls\":[{\"a\":1}]}", "SWML play sound is neither an http(s) URL nor say:, silence: or ring:"),
                new Case("{\"url\":{\"a\":1}}", "SWML play needs url or urls"),
                new Case("{\"url\":\"say:" + "blah ".repeat(20_000) + "\"}", "SWML say: text is longer than 4096 characters"))) {
            assertThat(run("{\"play\":" + c.play() + "}")).as(c.play().length() > 100 ? "100 kB say" : c.play())
                    .isEqualTo(invalid(c.reason()));
        }
    }

    // prompt

    @Test
    void promptDefaultsGatherOneDigitWithFiveSeconds() {
        assertThat(run("{\"prompt\":{\"play\":\"say:Press 1\"}}"))
                .isEqualTo(prompt(PROMPT_DEFAULTS, new Prompt.Speech("Press 1", null, null)));
        assertThat(run("{\"prompt\":\"say:Press 1\"}"))
                .isEqualTo(prompt(PROMPT_DEFAULTS, new Prompt.Speech("Press 1", null, null)));
    }

    @Test
    void promptSettings() {
        assertThat(run("{\"prompt\":{\"play\":[\"https://cdn.example.com/menu.wav\",\"say:PIN please\"],\"max_digits\":10,"
                + "\"terminators\":\"*#5\",\"digit_timeout\":3,\"initial_timeout\":10,\"volume\":-5,\"say_voice\":\"woman\","
                + "\"status_url\":\"https://x/y\"}}"))
                .isEqualTo(prompt(new Step.Collect(10, "*#5", 10, true), new Prompt.Audio("https://cdn.example.com/menu.wav"),
                        new Prompt.Speech("PIN please", "woman", null)));
        record Case(String settings, Step.Collect collect) {}
        for (Case c : List.of(new Case("\"digit_timeout\":12.5,\"initial_timeout\":2", new Step.Collect(1, "", 13, true)),
                new Case("\"max_digits\":100000", new Step.Collect(128, "", 5, true)),
                new Case("\"max_digits\":\"abc\"", PROMPT_DEFAULTS),
                new Case("\"max_digits\":0", PROMPT_DEFAULTS),
                new Case("\"max_digits\":\"4\"", new Step.Collect(4, "", 5, true)),
                new Case("\"terminators\":\"x\"", PROMPT_DEFAULTS),
                new Case("\"initial_timeout\":0,\"digit_timeout\":0", new Step.Collect(1, "", 1, true)),
                new Case("\"initial_timeout\":1e9", new Step.Collect(1, "", 600, true)),
                new Case("\"initial_timeout\":\"later\"", PROMPT_DEFAULTS))) {
            assertThat(run("{\"prompt\":{\"play\":\"say:x\"," + c.settings() + "}}")).as(c.settings())
                    .isEqualTo(prompt(c.collect(), new Prompt.Speech("x", null, null)));
        }
    }

    @Test
    void speechOnlyPromptsAreNotSupportedAndSpeechWithDigitsGathersDigits() {
        assertThat(run("{\"prompt\":{\"play\":\"say:Say yes\",\"speech_hints\":[\"yes\"]}}")).isEqualTo(
                new Step.Refuse(501, "SWML prompt with speech input is not supported on this server yet"));
        assertThat(run("{\"prompt\":{\"play\":\"say:Press or say one\",\"speech_language\":\"en-US\",\"max_digits\":1}}"))
                .isEqualTo(prompt(PROMPT_DEFAULTS, new Prompt.Speech("Press or say one", null, null)));
    }

    @Test
    void aPromptWithoutPlayIsADocumentFailure() {
        assertThat(run("{\"prompt\":{\"max_digits\":2}}")).isEqualTo(invalid("SWML prompt needs play"));
        assertThat(run("{\"prompt\":{}}")).isEqualTo(invalid("SWML prompt needs play"));
        assertThat(run("{\"prompt\":{\"play\":[]}}")).isEqualTo(invalid("SWML prompt needs play"));
    }

    private static final String MENU = main("{\"label\":\"menu\"},{\"prompt\":{\"play\":\"say:Press 1 for sales\"}},"
            + "{\"switch\":{\"variable\":\"prompt_value\",\"case\":{\"1\":[{\"connect\":{\"to\":\"sip:sales@x\"}}]},"
            + "\"default\":[{\"play\":{\"url\":\"say:${prompt_result}\"}},{\"goto\":{\"label\":\"menu\",\"max\":1}}]}},"
            + "{\"hangup\":{\"reason\":\"busy\"}}");

    @Test
    void switchOnPromptValueRunsTheMatchingCase() {
        SwmlScript script = script();
        assertThat(run(script, MENU)).isEqualTo(prompt(PROMPT_DEFAULTS, new Prompt.Speech("Press 1 for sales", null, null)));
        assertThat(script.next(new Outcome.Played("1", "max-digits")))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Sip("sip:sales@x")), false, 30, null, null));
    }

    @Test
    void noInputTakesTheDefaultAndGotoRepeatsTheMenu() {
        SwmlScript script = script();
        run(script, MENU);
        assertThat(script.next(new Outcome.Played("", "timeout"))).isEqualTo(say("no_input"));
        assertThat(script.next(PROMPTS_ENDED)).isInstanceOf(Step.Play.class);
        assertThat(script.next(new Outcome.Played("7", "max-digits"))).isEqualTo(say("match_digits"));
        assertThat(script.next(PROMPTS_ENDED)).isEqualTo(new Step.Refuse(486, "Rejected by document (busy)"));

        SwmlScript bridged = script();
        run(bridged, main("\"answer\",{\"connect\":{\"to\":\"sip:bob@x\"}},{\"play\":{\"url\":\"say:${connect_result}\"}}"));
        bridged.next(new Outcome.Answered());
        assertThat(bridged.next(new Outcome.Dialed(DialStatus.COMPLETED, "leg-1", 42, 200)))
                .as("a bridge after answering ends with the call; the script goes on").isEqualTo(say("connected"));
    }

    @Test
    void promptVariables() {
        SwmlScript script = script();
        String doc = main("{\"prompt\":{\"play\":\"say:PIN\",\"max_digits\":10,\"terminators\":\"#\"}},"
                + "{\"play\":{\"url\":\"say:${prompt_value}|${prompt_result}|${prompt_digit_terminator}\"}},"
                + "{\"prompt\":{\"play\":\"say:again\",\"terminators\":\"*#\"}},"
                + "{\"play\":{\"url\":\"say:${prompt_value}|${prompt_result}|${prompt_digit_terminator}\"}}");
        run(script, doc);
        assertThat(script.next(new Outcome.Played("1234", "finish-key"))).isEqualTo(say("1234|match_digits|#"));
        script.next(PROMPTS_ENDED);
        // which of several terminators ended it is not reported by the engine
        assertThat(script.next(new Outcome.Played("", "finish-key"))).isEqualTo(say("|no_match|"));
    }

    @Test
    void digitsCanBeUsedInAConnect() {
        SwmlScript script = script();
        run(script, main("{\"prompt\":{\"play\":\"say:Extension?\",\"max_digits\":3}},{\"connect\":{\"to\":\"sip:${prompt_value}@pbx\"}}"));
        assertThat(script.next(new Outcome.Played("204", "max-digits")))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Sip("sip:204@pbx")), false, 30, null, null));
    }

    // record

    @Test
    void recordDefaults() {
        assertThat(run("{\"record\":{}}")).isEqualTo(RECORD_DEFAULTS);
        assertThat(run("\"record\"")).isEqualTo(RECORD_DEFAULTS);
        assertThat(run("{\"record\":{\"format\":\"WAV\",\"direction\":\"speak\",\"stereo\":true,\"input_sensitivity\":50,"
                + "\"initial_timeout\":2}}")).isEqualTo(RECORD_DEFAULTS);
    }

    @Test
    void recordSettings() {
        assertThat(run("{\"record\":{\"beep\":true,\"terminators\":\"\",\"end_silence_timeout\":2.5,\"max_length\":30,"
                + "\"status_url\":\"https://app.example.com/rec\"}}"))
                .isEqualTo(new Step.Record(30, 3, "", true, "https://app.example.com/rec", "POST"));
        record Case(String settings, Step.Record step) {}
        for (Case c : List.of(new Case("\"max_length\":0", RECORD_DEFAULTS),
                new Case("\"max_length\":86400", RECORD_DEFAULTS),
                new Case("\"max_length\":\"long\"", RECORD_DEFAULTS),
                new Case("\"end_silence_timeout\":0", new Step.Record(3600, 0, "#", false, null, "POST")),
                new Case("\"terminators\":\"*#\",\"beep\":\"true\"", new Step.Record(3600, 5, "*#", true, null, "POST")),
                new Case("\"terminators\":\"stop\",\"beep\":\"yes\"", RECORD_DEFAULTS))) {
            assertThat(run("{\"record\":{" + c.settings() + "}}")).as(c.settings()).isEqualTo(c.step());
        }
    }

    @Test
    void recordFormatsAndDirectionsOtherThanWavAndSpeakAreNotSupported() {
        assertThat(run("{\"record\":{\"format\":\"mp3\"}}")).isEqualTo(
                new Step.Refuse(501, "SWML record format mp3 is not supported on this server yet (wav is)"));
        assertThat(run("{\"record\":{\"direction\":\"listen\"}}")).isEqualTo(
                new Step.Refuse(501, "SWML record direction listen is not supported on this server yet (speak is)"));
    }

    @Test
    void aRecordTheDocumentGotWrongIsADocumentFailure() {
        assertThat(run("{\"record\":{\"status_url\":\"ftp://x\"}}"))
                .isEqualTo(invalid("SWML record status_url is not an http(s) URL"));
        assertThat(run("{\"record\":[1]}")).isEqualTo(invalid("SWML record needs an object of settings"));
    }

    @Test
    void recordSetsRecordUrlAndRecordResult() {
        String doc = main("{\"record\":{\"beep\":true}},"
                + "{\"switch\":{\"variable\":\"record_result\",\"case\":{\"success\":[{\"play\":{\"url\":\"%{record_url}\"}}]},"
                + "\"default\":[{\"play\":{\"url\":\"say:failed [${record_url}]\"}}]}}");
        SwmlScript stored = script();
        run(stored, doc);
        assertThat(stored.next(new Outcome.Recorded("RE1", "https://sipyard.example/rec/RE1.wav", 4, "#")))
                .isEqualTo(play(new Prompt.Audio("https://sipyard.example/rec/RE1.wav")));
        SwmlScript nothing = script();
        run(nothing, doc);
        assertThat(nothing.next(new Outcome.Recorded(null, null, 0, ""))).isEqualTo(say("failed []"));
    }

    @Test
    void unknownParametersAreIgnored() {
        assertThat(run("{\"play\":{\"url\":\"say:Hi\",\"colour\":\"blue\",\"status_url\":\"https://x/s\"}}"))
                .isEqualTo(say("Hi"));
        assertThat(run("{\"prompt\":{\"play\":\"say:Hi\",\"x\":[1,2],\"speech_whatever\":1}}"))
                .isEqualTo(prompt(PROMPT_DEFAULTS, new Prompt.Speech("Hi", null, null)));
        assertThat(run("{\"record\":{\"something\":true}}")).isEqualTo(RECORD_DEFAULTS);
        assertThat(run("{\"answer\":{\"codecs\":\"PCMU\",\"odd\":1}}")).isEqualTo(new Step.Answer());
    }

    // routing once answered

    @Test
    void connectAndHangupAfterAnswering() {
        SwmlScript script = script();
        run(script, main("\"answer\",{\"connect\":{\"to\":\"sip:bob@x\"}},{\"play\":{\"url\":\"say:${connect_result}\"}},"
                + "{\"hangup\":{\"reason\":\"busy\"}}"));
        assertThat(script.next(new Outcome.Answered()))
                .isEqualTo(new Step.Dial(List.of(new DialTarget.Sip("sip:bob@x")), false, 30, null, null));
        assertThat(script.next(new Outcome.Dialed(DialStatus.NO_ANSWER, "leg-1", 0, 480))).isEqualTo(say("failed"));
        assertThat(script.next(PROMPTS_ENDED)).isEqualTo(new Step.Refuse(486, "Rejected by document (busy)"));
    }

    @Test
    void anOutcomeThatDoesNotAnswerAMediaStepIsAnEngineBug() {
        SwmlScript answering = script();
        run(answering, main("\"answer\""));
        assertThatThrownBy(() -> answering.next(PROMPTS_ENDED)).isInstanceOf(IllegalStateException.class);
        SwmlScript recording = script();
        run(recording, main("{\"record\":{}}"));
        assertThatThrownBy(() -> recording.next(new Outcome.Answered())).isInstanceOf(IllegalStateException.class);
        SwmlScript playing = script();
        run(playing, main("{\"play\":\"say:x\"}"));
        assertThatThrownBy(() -> playing.next(new Outcome.Recorded(null, null, 0, "")))
                .isInstanceOf(IllegalStateException.class);
    }
}
