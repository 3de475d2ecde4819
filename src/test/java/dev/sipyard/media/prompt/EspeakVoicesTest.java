package dev.sipyard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EspeakVoicesTest {
    @Test
    void mapsTheCxmlVoicesToMaleAndFemaleVariants() {
        assertThat(EspeakVoices.resolve("man", "en-US")).isEqualTo("en-us+m3");
        assertThat(EspeakVoices.resolve("woman", "en-US")).isEqualTo("en-us+f3");
        assertThat(EspeakVoices.resolve("alice", "en-GB")).isEqualTo("en-gb+f3");
        assertThat(EspeakVoices.resolve("Alice", null)).isEqualTo("en-us+f3");
        assertThat(EspeakVoices.resolve(null, null)).isEqualTo("en-us+m3");
        assertThat(EspeakVoices.resolve("robot", "")).isEqualTo("en-us+m3");
    }

    @Test
    void mapsLanguagesToEspeakVoices() {
        assertThat(EspeakVoices.resolve(null, "fr-FR")).isEqualTo("fr-fr+m3");
        assertThat(EspeakVoices.resolve(null, "fr-CA")).isEqualTo("fr-fr+m3");
        assertThat(EspeakVoices.resolve(null, "de-DE")).isEqualTo("de+m3");
        assertThat(EspeakVoices.resolve(null, "en-AU")).isEqualTo("en-gb+m3");
        assertThat(EspeakVoices.resolve(null, "es-ES")).isEqualTo("es+m3");
        assertThat(EspeakVoices.resolve(null, "es")).isEqualTo("es+m3");
        assertThat(EspeakVoices.resolve(null, "es-MX")).isEqualTo("es-419+m3");
        assertThat(EspeakVoices.resolve(null, "pt_BR")).isEqualTo("pt-br+m3");
        assertThat(EspeakVoices.resolve(null, "zh-CN")).isEqualTo("cmn+m3");
        assertThat(EspeakVoices.resolve(null, "ja-JP")).isEqualTo("ja+m3");
        assertThat(EspeakVoices.resolve(null, "nb-NO")).isEqualTo("nb+m3");
    }

    @Test
    void fallsBackToEnglishForUnknownOrOddLanguages() {
        assertThat(EspeakVoices.resolve(null, "xx-YY")).isEqualTo("en-us+m3");
        assertThat(EspeakVoices.resolve(null, "en-US --path=/tmp")).isEqualTo("en-us+m3");
        assertThat(EspeakVoices.resolve(null, "-v")).isEqualTo("en-us+m3");
        assertThat(EspeakVoices.resolve(null, "de".repeat(40))).isEqualTo("en-us+m3");
    }

    @Test
    void takesGenderAndLanguageFromPollyVoices() {
        assertThat(EspeakVoices.resolve("Polly.Celine", null)).isEqualTo("fr-fr+f3");
        assertThat(EspeakVoices.resolve("Polly.Joanna-Neural", null)).isEqualTo("en-us+f3");
        assertThat(EspeakVoices.resolve("Polly.Hans", "de-DE")).isEqualTo("de+m3");
        assertThat(EspeakVoices.resolve("Polly.Matthew", "fr-FR")).isEqualTo("fr-fr+m3");
        assertThat(EspeakVoices.resolve("Polly.Unknown", null)).isEqualTo("en-us+m3");
    }

    @Test
    void takesTheLanguageFromGoogleVoices() {
        assertThat(EspeakVoices.resolve("Google.de-DE-Standard-A", null)).isEqualTo("de+m3");
        assertThat(EspeakVoices.resolve("Google.it-IT-Wavenet-B", "es-ES")).isEqualTo("es+m3");
        assertThat(EspeakVoices.resolve("Google.nonsense", null)).isEqualTo("en-us+m3");
    }
}
