package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SIP profile and the project's phone numbers. */
class ProfileAndNumbersTest extends ApiContractBase {

    @Test
    void theProfileShowsTheDomainRealmAndDefaults() {
        JsonNode p = api.get(PROFILE).json();
        assertThat(p.get("domain").asText()).isEqualTo(p.get("domain_identifier").asText() + ".sip.localhost");
        assertThat(p.get("realm").asText()).isEqualTo(p.get("domain").asText());
        assertThat(p.get("default_codecs").size()).isPositive();
        assertThat(p.get("default_ciphers").size()).isPositive();
        assertThat(p.get("default_encryption").asText()).isIn("required", "optional");
        assertThat(p.get("default_send_as").isNull()).isTrue();
        assertThat(p.get("default_call_handler").asText()).isEqualTo("passthrough");
        assertThat(p.has("default_calling_handler_resource_id")).isTrue();
        assertThat(p.has("pstn_gateway_id")).isTrue();
    }

    @Test
    void changingTheDomainKeepsTheRealm() {
        JsonNode before = api.get(PROFILE).json();
        var r = api.put(PROFILE, map("domain_identifier", "acme-voice-" + System.nanoTime() % 100000));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("domain").asText()).startsWith("acme-voice-");
        assertThat(r.json().get("realm").asText()).isEqualTo(before.get("realm").asText());
        assertThat(api.get(PROFILE).json()).isEqualTo(r.json());
    }

    @Test
    void domainIdentifiersAreUniqueOnTheServerAndWellFormed() {
        String taken = api.get(PROFILE).json().get("domain_identifier").asText();
        var other = server.newProject("other");
        var dup = other.put(PROFILE, map("domain_identifier", taken));
        assertThat(dup.status()).isEqualTo(422);
        assertThat(dup.errorAttributes()).containsExactly("domain_identifier");
        for (String bad : List.of("UPPER", "-lead", "trail-", "sp ace", "dots.not.allowed", "x".repeat(64), "")) {
            var r = api.put(PROFILE, map("domain_identifier", bad));
            assertThat(r.status()).as(bad).isEqualTo(422);
        }
    }

    @Test
    void profileFieldsAreValidatedTogether() {
        var r = api.put(PROFILE, map("default_codecs", List.of("MP3"), "default_encryption", "default",
                "default_send_as", "+15550001111", "default_call_handler", "resource", "pstn_gateway_id",
                "6f1c2a1e-0c4b-4c8e-9d5a-1b2c3d4e5f60", "domain", "evil.example.com", "colour", "red"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorAttributes()).containsExactlyInAnyOrder("default_codecs", "default_encryption",
                "default_send_as", "default_calling_handler_resource_id", "pstn_gateway_id", "domain", "colour");
        // Sending back what GET returned is accepted (read-only fields unchanged).
        JsonNode current = api.get(PROFILE).json();
        assertThat(api.put(PROFILE, current).status()).isEqualTo(200);
    }

    @Test
    void profileChangesPersist() {
        var r = api.put(PROFILE, map("default_codecs", "pcmu,PCMA", "default_encryption", "required",
                "default_call_handler", "block-pstn"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("default_codecs").toString()).isEqualTo("[\"PCMU\",\"PCMA\"]");
        JsonNode p = api.get(PROFILE).json();
        assertThat(p.get("default_encryption").asText()).isEqualTo("required");
        assertThat(p.get("default_call_handler").asText()).isEqualTo("block-pstn");
        var empty = api.put(PROFILE, map("default_ciphers", List.of()));
        assertThat(empty.status()).isEqualTo(422);
    }

    @Test
    void phoneNumbersCanBeAddedListedReadAndDeleted() {
        var add = api.post(NUMBERS, map("number", "+15551234567", "name", "Main line"));
        assertThat(add.status()).isEqualTo(201);
        String id = add.json().get("id").asText();
        assertThat(add.json().get("number").asText()).isEqualTo("+15551234567");
        assertThat(api.get(NUMBERS + "/" + id).json()).isEqualTo(add.json());
        assertThat(api.post(NUMBERS, map("number", "+15551234567")).errorCodes())
                .containsExactly("not_unique_within_project");
        api.post(NUMBERS, map("number", "+442071234567"));
        assertThat(api.get(NUMBERS).json().get("data")).hasSize(2);
        assertThat(api.get(NUMBERS + "?filter_number=4420").json().get("data")).hasSize(1);
        assertThat(server.newProject("x").get(NUMBERS + "/" + id).status()).isEqualTo(404);
        assertThat(api.delete(NUMBERS + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(NUMBERS + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void phoneNumbersMustBeE164() {
        for (Object bad : List.of("5551234567", "+0123", "+1 555 123", "+1234567890123456", "tel:+1555", 15551234567L)) {
            var r = api.post(NUMBERS, map("number", bad));
            assertThat(r.status()).as(String.valueOf(bad)).isEqualTo(422);
            assertThat(r.errorAttributes()).containsExactly("number");
        }
        assertThat(api.post(NUMBERS, map()).errorCodes()).containsExactly("missing_required_parameter");
    }
}
