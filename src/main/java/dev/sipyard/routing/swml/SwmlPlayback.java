package dev.sipyard.routing.swml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.PromptList;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.UnsupportedFeature;
import dev.sipyard.routing.UnusableDocument;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SWML {@code play} and {@code prompt} as a {@link Step.Play}, and the variables a prompt sets.
 *
 * <p>{@code say_voice}/{@code say_language} come from the method, else from the variables of the same
 * name; {@code say_gender} picks the {@code man}/{@code woman} voice when no voice is named.
 * {@code volume}, {@code auto_answer} and {@code status_url} are accepted and not used (the engine
 * plays at the file's level and answers before playing).
 *
 * <p>{@code prompt} gathers digits only: {@code max_digits} (default 1, 1..{@link Step.Collect#MAX_DIGITS}),
 * {@code terminators} (default none), and one timeout for the first digit and between digits, the
 * larger of {@code initial_timeout} and {@code digit_timeout} (both default 5 s). A prompt that asks
 * only for speech is not supported; one asking for speech and digits gathers digits.
 */
final class SwmlPlayback {
    static final int DEFAULT_TIMEOUT = 5;
    static final int MAX_TIMEOUT = 600;
    private static final Pattern KEYS = Pattern.compile("[0-9*#]*");
    private static final String[] SPEECH = {"speech_timeout", "speech_end_timeout", "speech_language", "speech_hints",
            "speech_engine"};
    private static final String PLAY_NEEDS = "SWML play needs url or urls";
    private static final String PROMPT_NEEDS = "SWML prompt needs play";
    private static final String[] DIGITS = {"max_digits", "terminators", "digit_timeout", "initial_timeout"};

    private SwmlPlayback() {}

    /** {@code play: {url | urls, ...}}, or (leniently) {@code play: <sound or list>}. */
    static Step.Play play(JsonNode params, SwmlVariables vars) throws UnusableDocument {
        if (params == null || !params.isObject()) {
            return new Step.Play(sounds(params, null, vars, PLAY_NEEDS).toList(), null);
        }
        if (params.has("url") && params.has("urls")) {
            throw new UnusableDocument("SWML play takes url or urls, not both");
        }
        JsonNode sounds = params.has("url") ? params.get("url") : params.get("urls");
        return new Step.Play(sounds(sounds, params, vars, PLAY_NEEDS).toList(), null);
    }

    /** {@code prompt: {play, max_digits, ...}}, or (as older documents do) {@code prompt: <sound or list>}. */
    static Step.Play prompt(JsonNode params, SwmlVariables vars) throws UnusableDocument, UnsupportedFeature {
        if (params == null || !params.isObject()) {
            return new Step.Play(sounds(params, null, vars, PROMPT_NEEDS).toList(), collect(null, vars));
        }
        if (has(params, SPEECH) && !has(params, DIGITS)) {
            throw new UnsupportedFeature("SWML prompt with speech input is not supported on this server yet");
        }
        return new Step.Play(sounds(params.get("play"), params, vars, PROMPT_NEEDS).toList(), collect(params, vars));
    }

    /**
     * After a prompt: {@code prompt_value} (the digits), {@code prompt_result} ({@code match_digits};
     * {@code no_match} when only a terminator was pressed; else {@code no_input}) and
     * {@code prompt_digit_terminator} (the terminator that ended it when the prompt had only one).
     */
    static void promptEnded(Outcome.Played played, Step.Collect collect, SwmlVariables vars) {
        String digits = played.digits() == null ? "" : played.digits();
        boolean byTerminator = "finish-key".equals(played.endedBy());
        vars.set("prompt_value", digits);
        vars.set("prompt_result", !digits.isEmpty() ? "match_digits" : byTerminator ? "no_match" : "no_input");
        boolean oneTerminator = collect.finishOnKeys().length() == 1;
        vars.set("prompt_digit_terminator", byTerminator && oneTerminator ? collect.finishOnKeys() : "");
    }

    private static PromptList sounds(JsonNode sounds, JsonNode params, SwmlVariables vars, String missing)
            throws UnusableDocument {
        if (sounds == null || sounds.isNull() || sounds.isObject() || (sounds.isArray() && sounds.isEmpty())) {
            throw new UnusableDocument(missing);
        }
        PromptList prompts = new PromptList();
        SwmlSounds.add(sounds, voice(params, vars), vars, prompts);
        return prompts;
    }

    private static SwmlSounds.Voice voice(JsonNode params, SwmlVariables vars) {
        String voice = setting(params, "say_voice", vars);
        if (voice == null) {
            String gender = setting(params, "say_gender", vars);
            voice = gender == null ? null : switch (gender.toLowerCase(Locale.ROOT)) {
                case "male" -> "man";
                case "female" -> "woman";
                default -> null;
            };
        }
        return new SwmlSounds.Voice(voice, setting(params, "say_language", vars));
    }

    private static String text(JsonNode params, String name, SwmlVariables vars) {
        return params == null ? null : vars.text(params.get(name));
    }

    /** The method's parameter, else the variable of that name; null when neither says anything. */
    private static String setting(JsonNode params, String name, SwmlVariables vars) {
        String value = text(params, name, vars);
        if (value == null || value.isBlank()) {
            value = vars.lookup(name);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Step.Collect collect(JsonNode params, SwmlVariables vars) {
        int maxDigits = (int) Math.max(1, Math.min(Step.Collect.MAX_DIGITS, number(text(params, "max_digits", vars), 1)));
        String terminators = text(params, "terminators", vars);
        terminators = terminators == null || !KEYS.matcher(terminators.strip()).matches() ? "" : terminators.strip();
        double timeout = Math.max(number(text(params, "initial_timeout", vars), DEFAULT_TIMEOUT),
                number(text(params, "digit_timeout", vars), DEFAULT_TIMEOUT));
        return new Step.Collect(maxDigits, terminators, (int) Math.max(1, Math.min(MAX_TIMEOUT, Math.ceil(timeout))), true);
    }

    /** A number from the document (may be {@code "2.5"} or substituted text); otherwise when it is none. */
    static double number(String text, double otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static boolean has(JsonNode params, String[] names) {
        for (String name : names) {
            if (params.has(name)) {
                return true;
            }
        }
        return false;
    }
}
