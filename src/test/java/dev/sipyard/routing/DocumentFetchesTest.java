package dev.sipyard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentFetchesTest {
    @Test
    void relativeUrlsResolveAgainstTheDocumentAndOnlyHttpUrlsAreAccepted() {
        String base = "https://app.example.com/voice/start.xml?x=1";
        assertThat(DocumentFetches.resolve(base, "next.xml")).contains("https://app.example.com/voice/next.xml");
        assertThat(DocumentFetches.resolve(base, "/other")).contains("https://app.example.com/other");
        assertThat(DocumentFetches.resolve(base, " http://b.example/x ")).contains("http://b.example/x");
        assertThat(DocumentFetches.resolve(base, "file:///etc/passwd")).isEmpty();
        assertThat(DocumentFetches.resolve(base, "javascript:alert(1)")).isEmpty();
        assertThat(DocumentFetches.resolve(base, "http://exa mple.com/")).isEmpty();
        assertThat(DocumentFetches.resolve(base, "")).isEmpty();
        assertThat(DocumentFetches.resolve(null, "relative")).isEqualTo(Optional.empty());
    }

    @Test
    void numbersFallBackToTheDefaultAndAreClamped() {
        assertThat(DocumentFetches.boundedInt("abc", 30, 5, 600)).isEqualTo(30);
        assertThat(DocumentFetches.boundedInt(null, 30, 5, 600)).isEqualTo(30);
        assertThat(DocumentFetches.boundedInt("1.5", 30, 5, 600)).isEqualTo(30);
        assertThat(DocumentFetches.boundedInt("2", 30, 5, 600)).isEqualTo(5);
        assertThat(DocumentFetches.boundedInt("99999999999999", 30, 5, 600)).isEqualTo(600);
        assertThat(DocumentFetches.boundedInt(" 45 ", 30, 5, 600)).isEqualTo(45);
        assertThat(DocumentFetches.boundedInt("9".repeat(40), 30, 5, 600)).isEqualTo(30);
    }

    @Test
    void theFallbackIsTriedOnceThenTheCallerGets500() {
        DocumentFetches f = new DocumentFetches(new DocumentSource("https://a/x", "get", "https://a/fb", null, null, null),
                Format.CXML_FORM);
        assertThat(f.primary()).isEqualTo(new Step.Fetch("https://a/x", "GET", Format.CXML_FORM, Map.of()));
        assertThat(f.failed("https://a/x", "11200", "HTTP 500")).isEqualTo(new Step.Fetch("https://a/fb", "POST",
                Format.CXML_FORM, Map.of("ErrorCode", "11200", "ErrorUrl", "https://a/x")));
        assertThat(f.failed("https://a/fb", "12100", "not well-formed XML"))
                .isEqualTo(new Step.Refuse(500, "Document fetch failed: not well-formed XML"));
    }

    @Test
    void failuresAreDescribedWithoutTheUrl() {
        assertThat(DocumentFetches.describe(new Outcome.FetchFailed("https://u:p@a/x", 503, "Service Unavailable")))
                .isEqualTo("HTTP 503 (Service Unavailable)");
        assertThat(DocumentFetches.describe(new Outcome.FetchFailed("https://a/x", 0, "connect timed out")))
                .isEqualTo("connect timed out");
        assertThat(DocumentFetches.describe(new Outcome.FetchFailed("https://a/x", 0, null))).isEqualTo("no response");
    }
}
