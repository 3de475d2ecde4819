package dev.sipyard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void cxmlMatchesTheKnownVectorWhateverTheFieldOrder() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("To", "+18005551212");
        fields.put("From", "+14158675309");
        fields.put("CallSid", "CA1234567890ABCDE");
        fields.put("Digits", "1234");
        fields.put("Caller", "+14158675309");
        assertThat(Signatures.cxml("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", fields))
                .isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void cxmlOfAGetSignsTheUrlAlone() {
        // openssl: printf '%s' URL | openssl dgst -sha1 -hmac 12345 -binary | base64
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertThat(Signatures.cxml("12345", url, Map.of())).isEqualTo("zYQTYrRWXE7LtzbG4PfP7/bkkGo=");
        assertThat(Signatures.cxml("12345", url, null)).isEqualTo(Signatures.cxml("12345", url, Map.of()));
    }

    @Test
    void swmlIsTheHexHmacOfUrlAndRawBody() {
        // computed independently: printf '%s' "$URL$BODY" | openssl dgst -sha1 -hmac PSKtest1234
        String body = "{\"call\":{\"call_id\":\"abc\",\"from\":\"sip:alice@example.com\"},\"vars\":{},\"params\":{}}";
        assertThat(Signatures.swml("PSKtest1234", "https://example.com/swml?x=1", body))
                .isEqualTo("afe98ec32e8976fda67dfec423d81a6acc85a771");
    }
}
