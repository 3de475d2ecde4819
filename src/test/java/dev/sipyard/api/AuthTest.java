package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.project.NewProject;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.HttpResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP Basic with project id and API token; every failure is the same 401. */
class AuthTest extends ApiContractBase {

    @Test
    void missingMalformedAndWrongCredentialsGetThe401Challenge() {
        NewProject p = server.createProject("auth");
        String good = p.project().id() + ":" + p.token();
        List<String> headers = List.of(
                "Basic",
                "Basic !!!notbase64",
                "Basic " + b64("no-colon-here"),
                "Basic " + b64(p.project().id() + ":wrong-token"),
                "Basic " + b64("not-a-uuid:" + p.token()),
                "Basic " + b64(":" + p.token()),
                "Bearer " + p.token(),
                "Basic " + b64(good) + "x",
                "Basic " + b64("6f1c2a1e-0c4b-4c8e-9d5a-1b2c3d4e5f60:" + p.token()));
        for (String h : headers) {
            HttpResult r = api.send("GET", ENDPOINTS, null, null, h);
            assertThat(r.status()).as(h).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"sipyard\"");
            assertThat(r.body()).isEqualTo("{\"error\":\"Unauthorized\"}");
        }
        assertThat(api.send("GET", ENDPOINTS, null, null, null).status()).isEqualTo(401);
        assertThat(api.send("GET", ENDPOINTS, null, null, "Basic " + b64(good)).status()).isEqualTo(200);
        assertThat(api.send("GET", ENDPOINTS, null, null, "basic " + b64(good)).status()).isEqualTo(200);
    }

    @Test
    void aTokenOfOneProjectDoesNotOpenAnother() {
        NewProject a = server.createProject("a");
        NewProject b = server.createProject("b");
        var crossed = new ApiClient(server.baseUrl(), a.project().id(), b.token());
        assertThat(crossed.get(ENDPOINTS).status()).isEqualTo(401);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnceWhileOthersGoOn() {
        NewProject p = server.createProject("revocation");
        var tokens = server.server().domain().tokens();
        String second = tokens.create(p.project().id()).orElseThrow();
        var first = new ApiClient(server.baseUrl(), p.project().id(), p.token());
        var other = new ApiClient(server.baseUrl(), p.project().id(), second);
        assertThat(first.get(ENDPOINTS).status()).isEqualTo(200);
        String firstId = tokens.list(p.project().id()).get(0).id();
        assertThat(tokens.revoke(p.project().id(), firstId)).isTrue();
        assertThat(first.get(ENDPOINTS).status()).isEqualTo(401);
        assertThat(other.get(ENDPOINTS).status()).isEqualTo(200);
    }

    @Test
    void writesWithBadCredentialsChangeNothing() {
        var anonymous = server.anonymous();
        var r = anonymous.post(ENDPOINTS, endpoint("sneaky"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(api.get(ENDPOINTS).json().get("data")).isEmpty();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
