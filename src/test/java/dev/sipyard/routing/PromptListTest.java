package dev.sipyard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptListTest {
    private static final Step.Prompt HI = new Step.Prompt.Speech("hi", null, null);

    @Test
    void repeatsStopAtTheCapAcrossAdds() {
        PromptList list = new PromptList();
        list.add(HI, 600);
        list.add(new Step.Prompt.Silence(1), 600);
        assertThat(list.toList()).hasSize(PromptList.MAX_PROMPTS);
        assertThat(list.toList().get(PromptList.MAX_PROMPTS - 1)).isEqualTo(new Step.Prompt.Silence(1));
        list.add(HI, 1);
        assertThat(list.toList()).hasSize(PromptList.MAX_PROMPTS);
    }

    @Test
    void anEmptyListIsEmpty() {
        PromptList list = new PromptList();
        list.add(HI, 0);
        assertThat(list.isEmpty()).isTrue();
        assertThat(list.toList()).isEmpty();
    }

    @Test
    void speechIsCountedInCharactersNotUtf16Units() throws UnusableDocument {
        String emoji = "\uD83D\uDE00".repeat(PromptList.MAX_SPEECH_CHARS);
        assertThat(PromptList.speech(emoji, " ", "", "<Say>")).isEqualTo(new Step.Prompt.Speech(emoji, null, null));
        assertThatThrownBy(() -> PromptList.speech(emoji + "a", "man", "en-US", "<Say>"))
                .isInstanceOf(UnusableDocument.class).hasMessage("<Say> text is longer than 4096 characters");
    }

    @Test
    void silenceIsRoundedToMillisecondsAndBounded() {
        assertThat(PromptList.silence(0.0004)).isEqualTo(new Step.Prompt.Silence(0));
        assertThat(PromptList.silence(1.2345)).isEqualTo(new Step.Prompt.Silence(1235));
        assertThat(PromptList.silence(-3)).isEqualTo(new Step.Prompt.Silence(0));
        assertThat(PromptList.silence(Double.NaN)).isEqualTo(new Step.Prompt.Silence(0));
        assertThat(PromptList.silence(1e12)).isEqualTo(new Step.Prompt.Silence(600_000));
    }
}
