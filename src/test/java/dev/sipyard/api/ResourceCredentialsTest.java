package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.resource.GatewayCredentials;
import dev.sipyard.testing.HttpResult;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets of a project kept for calls: a SIP gateway's credentials (write-only) and the signing key. */
class ResourceCredentialsTest extends ApiContractBase {
    private static final String GATEWAYS = "/api/fabric/resources/sip_gateways";
    private static final String SIGNING_KEY = "/api/relay/rest/signing_key";

    private String project() {
        return api.credentials()[0];
    }

    @Test
    void gatewayCredentialsAreWriteOnlyAndStoredEncrypted() {
        HttpResult r = api.post(GATEWAYS, map("name", "Carrier", "uri", "sip:trunk@carrier.example.com",
                "username", "acct-42", "password", "s3cret carrier pass"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body()).doesNotContain("s3cret");
        JsonNode gw = r.json().get("sip_gateway");
        assertThat(gw.get("username").asText()).isEqualTo("acct-42");
        assertThat(gw.get("password_set").asBoolean()).isTrue();
        assertThat(gw.has("password")).isFalse();
        String id = r.json().get("id").asText();
        assertThat(api.get(GATEWAYS + "/" + id).body()).doesNotContain("s3cret");
        assertThat(api.get("/api/fabric/resources/" + id).body()).doesNotContain("s3cret");

        String stored = server.server().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT password_encrypted FROM sip_gateways WHERE id = :id").bind("id", id).mapTo(String.class).one());
        assertThat(stored).doesNotContain("s3cret").startsWith("v1.");

        var resources = server.server().domain().resources();
        GatewayCredentials creds = resources.gatewayCredentials(project(), id).orElseThrow();
        assertThat(creds.username()).isEqualTo("acct-42");
        assertThat(creds.password()).isEqualTo("s3cret carrier pass");
        assertThat(creds.toString()).doesNotContain("s3cret");
        assertThat(resources.gatewayCredentials(server.newProject("other").credentials()[0], id)).isEmpty();

        // the stored value bound to its row: copied onto another gateway it does not decrypt
        String other = ResourceSamples.create(api, "sip_gateways");
        server.server().database().jdbi().useHandle(h -> h.createUpdate("UPDATE sip_gateways SET username = 'x', "
                + "password_encrypted = :v WHERE id = :id").bind("v", stored).bind("id", other).execute());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resources.gatewayCredentials(project(), other))
                .isInstanceOf(IllegalStateException.class).message().doesNotContain("s3cret");
    }

    @Test
    void usernameAndPasswordGoTogether() {
        String id = ResourceSamples.create(api, "sip_gateways");
        JsonNode none = api.get(GATEWAYS + "/" + id).json().get("sip_gateway");
        assertThat(none.get("username").isNull()).isTrue();
        assertThat(none.get("password_set").asBoolean()).isFalse();
        assertThat(server.server().domain().resources().gatewayCredentials(project(), id)).isEmpty();

        HttpResult onlyUser = api.patch(GATEWAYS + "/" + id, map("username", "acct"));
        assertThat(onlyUser.status()).isEqualTo(422);
        assertThat(onlyUser.errorAttributes()).containsExactly("password");
        HttpResult onlyPassword = api.patch(GATEWAYS + "/" + id, map("password", "pw"));
        assertThat(onlyPassword.errorAttributes()).containsExactly("username");
        HttpResult tooLong = api.patch(GATEWAYS + "/" + id, map("username", "u".repeat(65), "password",
                "p".repeat(129)));
        assertThat(tooLong.errorAttributes()).containsExactlyInAnyOrder("username", "password");
        assertThat(api.patch(GATEWAYS + "/" + id, map("username", "a b", "password", "pw")).errorAttributes())
                .containsExactly("username");

        JsonNode set = api.patch(GATEWAYS + "/" + id, map("username", "acct", "password", "pw")).json()
                .get("sip_gateway");
        assertThat(set.get("password_set").asBoolean()).isTrue();
        // sending back the username and password_set as GET shows them changes nothing
        JsonNode back = api.put(GATEWAYS + "/" + id, map("name", "Renamed", "username", "acct", "password_set", true))
                .json();
        assertThat(back.get("sip_gateway").get("password_set").asBoolean()).isTrue();
        assertThat(server.server().domain().resources().gatewayCredentials(project(), id).orElseThrow().password())
                .isEqualTo("pw");
        assertThat(api.patch(GATEWAYS + "/" + id, map("password_set", false)).errorCodes())
                .containsExactly("invalid_parameter");

        Map<String, Object> clear = new HashMap<>();
        clear.put("username", null);
        clear.put("password", null);
        JsonNode cleared = api.patch(GATEWAYS + "/" + id, clear).json().get("sip_gateway");
        assertThat(cleared.get("username").isNull()).isTrue();
        assertThat(cleared.get("password_set").asBoolean()).isFalse();
        assertThat(server.server().domain().resources().gatewayCredentials(project(), id)).isEmpty();
    }

    @Test
    void theSigningKeyIsShownToItsProjectAndRotates() {
        String key = api.get(SIGNING_KEY).json().get("signing_key").asText();
        String stored = server.server().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT signing_key FROM projects WHERE id = :p").bind("p", project()).mapTo(String.class).one());
        assertThat(key).isEqualTo(stored).hasSize(64);

        HttpResult rotated = api.post(SIGNING_KEY, null);
        assertThat(rotated.status()).isEqualTo(201);
        String next = rotated.json().get("signing_key").asText();
        assertThat(next).isNotEqualTo(key).hasSize(64);
        assertThat(api.get(SIGNING_KEY).json().get("signing_key").asText()).isEqualTo(next);

        assertThat(server.newProject("other").get(SIGNING_KEY).json().get("signing_key").asText())
                .isNotEqualTo(next);
        assertThat(server.anonymous().get(SIGNING_KEY).status()).isEqualTo(401);
        assertThat(server.anonymous().post(SIGNING_KEY, null).status()).isEqualTo(401);
    }
}
