package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keyset pagination with absolute links: no row twice, none lost, across changes between pages. */
class PaginationTest extends ApiContractBase {

    @Test
    void followingNextVisitsEveryRowOnceWithAbsoluteLinks() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createEndpoint("user" + i));
        }
        JsonNode page = api.get(ENDPOINTS + "?page_size=3").json();
        JsonNode links = page.get("links");
        assertThat(links.get("self").asText()).startsWith(api.baseUrl() + ENDPOINTS);
        assertThat(links.get("first").asText()).startsWith("http://");
        assertThat(links.has("prev")).isFalse();
        List<String> seen = ids(page);
        int pages = 1;
        while (page.get("links").has("next")) {
            page = api.get(page.get("links").get("next").asText()).json();
            seen.addAll(ids(page));
            pages++;
            assertThat(page.get("links").has("prev")).isTrue();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void rowsCreatedOrDeletedBetweenPagesNeverDuplicateOrHideOthers() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            created.add(createEndpoint("row" + i));
        }
        JsonNode first = api.get(ENDPOINTS + "?page_size=3").json();
        List<String> seen = new ArrayList<>(ids(first));
        // Between pages: delete a row already seen and one not yet seen, add a new one.
        api.delete(ENDPOINTS + "/" + created.get(0));
        api.delete(ENDPOINTS + "/" + created.get(4));
        String added = createEndpoint("late");
        JsonNode page = first;
        while (page.get("links").has("next")) {
            page = api.get(page.get("links").get("next").asText()).json();
            seen.addAll(ids(page));
        }
        Set<String> unique = new LinkedHashSet<>(seen);
        assertThat(unique).hasSize(seen.size());
        assertThat(seen).contains(created.get(1), created.get(2), created.get(3), created.get(5), added);
        assertThat(seen).doesNotContain(created.get(4));
    }

    @Test
    void prevGoesBackToThePreviousPage() {
        for (int i = 0; i < 5; i++) {
            createEndpoint("p" + i);
        }
        JsonNode p1 = api.get(ENDPOINTS + "?page_size=2").json();
        JsonNode p2 = api.get(p1.get("links").get("next").asText()).json();
        JsonNode p3 = api.get(p2.get("links").get("next").asText()).json();
        assertThat(p3.get("links").has("next")).isFalse();
        JsonNode back = api.get(p3.get("links").get("prev").asText()).json();
        assertThat(ids(back)).isEqualTo(ids(p2));
        JsonNode backAgain = api.get(back.get("links").get("prev").asText()).json();
        assertThat(ids(backAgain)).isEqualTo(ids(p1));
        assertThat(backAgain.get("links").has("prev")).isFalse();
    }

    @Test
    void aPageTokenOfAnotherProjectOrListIsRefused() {
        for (int i = 0; i < 3; i++) {
            createEndpoint("t" + i);
        }
        String next = api.get(ENDPOINTS + "?page_size=1").json().get("links").get("next").asText();
        String token = next.replaceAll(".*page_token=([^&]*).*", "$1");
        var other = server.newProject("thief");
        var r = other.get(ENDPOINTS + "?page_token=" + token);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorCodes()).containsExactly("page_token_is_invalid");
        var wrongList = api.get(NUMBERS + "?page_token=" + token);
        assertThat(wrongList.errorCodes()).containsExactly("page_token_is_invalid");
        String tampered = token.substring(0, 5) + (token.charAt(5) == 'A' ? 'B' : 'A') + token.substring(6);
        assertThat(api.get(ENDPOINTS + "?page_token=" + tampered).errorCodes()).containsExactly("page_token_is_invalid");
    }

    @Test
    void filtersAreKeptInLinks() {
        for (int i = 0; i < 3; i++) {
            createEndpoint("desk" + i);
        }
        createEndpoint("other");
        JsonNode page = api.get(LEGACY + "?page_size=2&filter_username=desk").json();
        assertThat(page.get("links").get("next").asText()).contains("filter_username=desk");
        JsonNode second = api.get(page.get("links").get("next").asText()).json();
        assertThat(EndpointApiTest.usernames(new dev.sipyard.testing.HttpResult(200, null, second.toString())))
                .containsExactly("desk2");
    }

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("data").forEach(e -> out.add(e.get("id").asText()));
        return out;
    }
}
