package dev.sipyard.resource;

import static dev.sipyard.resource.ResourceField.Kind.CIPHERS;
import static dev.sipyard.resource.ResourceField.Kind.CODECS;
import static dev.sipyard.resource.ResourceField.Kind.ENCRYPTION;
import static dev.sipyard.resource.ResourceField.Kind.METHOD;
import static dev.sipyard.resource.ResourceField.Kind.NAME;
import static dev.sipyard.resource.ResourceField.Kind.SIP_URI;
import static dev.sipyard.resource.ResourceField.Kind.URL;
import static dev.sipyard.resource.ResourceField.Kind.USED_FOR;
import static dev.sipyard.resource.ResourceField.optional;
import static dev.sipyard.resource.ResourceField.required;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The resource types kept in the resources table, each served as a collection under
 * {@code /api/fabric/resources/<collection>}. Field order is the order of the representation.
 */
public enum ResourceType {
    CXML_WEBHOOK("cxml_webhook", "cxml_webhooks", "name", webhookFields()),
    SWML_WEBHOOK("swml_webhook", "swml_webhooks", "name", webhookFields()),
    CXML_APPLICATION("cxml_application", "cxml_applications", "friendly_name", List.of(
            required("friendly_name", NAME),
            optional("voice_url", URL), optional("voice_method", METHOD),
            optional("voice_fallback_url", URL), optional("voice_fallback_method", METHOD),
            optional("status_callback", URL), optional("status_callback_method", METHOD),
            optional("sms_url", URL), optional("sms_method", METHOD),
            optional("sms_fallback_url", URL), optional("sms_fallback_method", METHOD),
            optional("sms_status_callback", URL), optional("sms_status_callback_method", METHOD))),
    SIP_GATEWAY("sip_gateway", "sip_gateways", "name", List.of(
            required("name", NAME), required("uri", SIP_URI),
            optional("ciphers", CIPHERS), optional("codecs", CODECS), optional("encryption", ENCRYPTION)));

    private final String wireName;
    private final String collection;
    private final String displayField;
    private final List<ResourceField> fields;

    ResourceType(String wireName, String collection, String displayField, List<ResourceField> fields) {
        this.wireName = wireName;
        this.collection = collection;
        this.displayField = displayField;
        this.fields = fields;
    }

    private static List<ResourceField> webhookFields() {
        return List.of(optional("name", NAME), optional("used_for", USED_FOR),
                required("primary_request_url", URL), optional("primary_request_method", METHOD),
                optional("fallback_request_url", URL), optional("fallback_request_method", METHOD),
                optional("status_callback_url", URL), optional("status_callback_method", METHOD));
    }

    /** The value of {@code type} in the generic view, and the key of the inner object. */
    public String wireName() {
        return wireName;
    }

    /** The path segment of the collection, which is also the name of the type's table. */
    public String collection() {
        return collection;
    }

    /** The field whose value is the resource's display_name. */
    String displayField() {
        return displayField;
    }

    List<ResourceField> fields() {
        return fields;
    }

    /** Columns of the type's table that are stored but not shown as fields (a gateway's credentials). */
    List<String> hiddenColumns() {
        return this == SIP_GATEWAY ? List.of(GatewayCredentialRules.USERNAME, GatewayCredentialRules.PASSWORD_COLUMN)
                : List.of();
    }

    /** Every column of the type's table besides id, in a fixed order. */
    List<String> columns() {
        return java.util.stream.Stream.concat(fields.stream().map(ResourceField::name), hiddenColumns().stream())
                .toList();
    }

    public boolean isWebhook() {
        return this == CXML_WEBHOOK || this == SWML_WEBHOOK;
    }

    public static Optional<ResourceType> fromWire(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
