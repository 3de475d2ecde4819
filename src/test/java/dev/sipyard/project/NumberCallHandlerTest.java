package dev.sipyard.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.endpoint.CallHandler;
import dev.sipyard.endpoint.HandlerField;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A phone number's handlers share names and field rules with an endpoint's wherever both have them. */
class NumberCallHandlerTest {

    @Test
    void sharedHandlersKeepTheEndpointsNamesAndFields() {
        assertThat(NumberCallHandler.LAML_WEBHOOKS.wireName()).isEqualTo(CallHandler.LAML_WEBHOOKS.wireName());
        assertThat(NumberCallHandler.LAML_WEBHOOKS.fields()).containsExactlyInAnyOrder(NumberField.CALL_REQUEST_URL,
                NumberField.CALL_REQUEST_METHOD, NumberField.CALL_FALLBACK_URL, NumberField.CALL_FALLBACK_METHOD,
                NumberField.CALL_STATUS_CALLBACK_URL, NumberField.CALL_STATUS_CALLBACK_METHOD);
        assertThat(NumberCallHandler.LAML_APPLICATION.fields()).containsExactly(NumberField.CALL_LAML_APPLICATION_ID);
        assertThat(NumberCallHandler.RELAY_SCRIPT.fields()).containsExactly(NumberField.CALL_RELAY_SCRIPT_URL);
        assertThat(NumberCallHandler.RELAY_SIP_ENDPOINT.fields()).containsExactly(NumberField.CALL_SIP_ENDPOINT_ID);
        // handlers whose fields numbers do not store have none
        assertThat(NumberCallHandler.RELAY_CONTEXT.fields()).isEmpty();
        assertThat(NumberCallHandler.DIALOGFLOW.fields()).isEmpty();
    }

    @Test
    void fieldsSharedWithEndpointsHaveTheirRule() {
        for (NumberField f : NumberField.values()) {
            if (f == NumberField.CALL_SIP_ENDPOINT_ID) {
                assertThat(f.kind()).isEqualTo(HandlerField.Kind.SIP_ENDPOINT);
                assertThat(f.required()).isTrue();
                continue;
            }
            HandlerField same = HandlerField.valueOf(f.name());
            assertThat(f.kind()).as(f.name()).isEqualTo(same.kind());
            assertThat(f.required()).as(f.name()).isEqualTo(same.required());
            assertThat(f.wireName()).isEqualTo(same.wireName());
        }
    }

    @Test
    void onlyFourHandlersRouteCallsAndNamesParseInAnyCase() {
        assertThat(Set.of(NumberCallHandler.values()).stream().filter(NumberCallHandler::routesCalls))
                .containsExactlyInAnyOrder(NumberCallHandler.RELAY_SIP_ENDPOINT, NumberCallHandler.LAML_WEBHOOKS,
                        NumberCallHandler.LAML_APPLICATION, NumberCallHandler.RELAY_SCRIPT);
        assertThat(NumberCallHandler.fromWire("Relay_SIP_Endpoint")).contains(NumberCallHandler.RELAY_SIP_ENDPOINT);
        assertThat(NumberCallHandler.fromWire("default")).isEmpty();
        assertThat(SipProfileService.CALL_HANDLERS).containsExactly("passthrough", "block-pstn", "resource");
    }
}
