package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which methods a path has, from route templates alone. */
class AllowedMethodsTest {
    private static final AllowedMethods ROUTES = new AllowedMethods(List.of(
            "POST /api/fabric/resources/sip_endpoints",
            "GET /api/fabric/resources/sip_endpoints",
            "GET /api/fabric/resources/sip_endpoints/{id}",
            "PUT /api/fabric/resources/sip_endpoints/{id}",
            "DELETE /api/fabric/resources/sip_endpoints/{id}",
            "GET /api/fabric/resources",
            "GET /api/fabric/resources/{id}",
            "DELETE /api/fabric/resources/{id}",
            "POST /api/fabric/resources/{id}/sip_endpoints",
            "PATCH /api/fabric/resources/sip_endpoints/{key}",
            "GET /api/laml/2010-04-01/Accounts/{AccountSid}/Calls.json",
            "GET /files/<path>",
            "GET /api/healthz",
            "BEFORE /console",
            "AFTER *"));

    @Test
    void aFixedSegmentWinsOverAParameter() {
        // DELETE /api/fabric/resources/{id} also matches, but the path is the collection's
        assertThat(ROUTES.of("/api/fabric/resources/sip_endpoints")).containsExactly("GET", "HEAD", "POST");
        assertThat(ROUTES.of("/api/fabric/resources/0c5e1a52-0000-7000-8000-000000000001"))
                .containsExactly("GET", "HEAD", "DELETE");
    }

    @Test
    void templatesOfTheSameShapeShareTheirMethodsWhateverTheirParametersAreCalled() {
        assertThat(ROUTES.of("/api/fabric/resources/sip_endpoints/abc"))
                .containsExactly("GET", "HEAD", "PUT", "PATCH", "DELETE");
    }

    @Test
    void theLeftMostDifferenceDecides() {
        // "/api/fabric/resources/sip_endpoints/{id}" vs "/api/fabric/resources/{id}/sip_endpoints"
        assertThat(ROUTES.of("/api/fabric/resources/sip_endpoints/sip_endpoints"))
                .containsExactly("GET", "HEAD", "PUT", "PATCH", "DELETE");
        assertThat(ROUTES.of("/api/fabric/resources/other/sip_endpoints")).containsExactly("POST");
    }

    @Test
    void aTrailingSlashIsTheSamePath() {
        assertThat(ROUTES.of("/api/healthz/")).containsExactly("GET", "HEAD");
    }

    @Test
    void pathsNoTemplateHasHaveNoMethods() {
        assertThat(ROUTES.of("/api/nope")).isEmpty();
        assertThat(ROUTES.of("/")).isEmpty();
        assertThat(ROUTES.of("/api/fabric/resources/sip_endpoints/a/b")).isEmpty();
        assertThat(ROUTES.of("/api/fabric/resources//sip_endpoints")).isEmpty();
        assertThat(ROUTES.of("/api/laml/2010-04-01/Accounts/x/Calls")).isEmpty();
        // templates with other syntax are left to the router
        assertThat(ROUTES.of("/files/a")).isEmpty();
        // so are handlers that are not methods
        assertThat(ROUTES.of("/console")).isEmpty();
    }

    @Test
    void theAllowHeaderListsMethodsInAFixedOrder() {
        assertThat(AllowedMethods.header(ROUTES.of("/api/fabric/resources/sip_endpoints/x")))
                .isEqualTo("GET, HEAD, PUT, PATCH, DELETE");
    }
}
