package dev.sipyard.webhook;

import java.util.Map;

/**
 * One request to a customer's URL: a cXML document fetch, a status callback or an SWML fetch.
 *
 * @param projectId whose signing key signs the request
 * @param url       absolute http(s) URL; a fragment {@code #ot=..&rt=..&tt=..} sets the time limits and is not sent
 * @param method    {@code GET} or {@code POST}
 * @param form      cXML and callbacks: the form fields, in insertion order; null for SWML
 * @param jsonBody  SWML: the JSON body (always POSTed); null otherwise
 */
public record WebhookRequest(String projectId, String url, String method, Map<String, String> form,
                             String jsonBody) {

    /** True when this is an SWML request (a JSON body, signed in hex). */
    public boolean isSwml() {
        return jsonBody != null;
    }
}
