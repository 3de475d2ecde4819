package dev.sipyard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.endpoint.CallHandler;
import dev.sipyard.routing.Decision.Refuse;
import dev.sipyard.routing.Decision.Relay;
import dev.sipyard.routing.Decision.Ring;
import dev.sipyard.routing.Decision.RunCxml;
import dev.sipyard.routing.Decision.RunSwml;
import dev.sipyard.routing.DialledTarget.Classified;
import dev.sipyard.routing.DialledTarget.Kind;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DecisionTableTest {
    private static final GatewayRef PSTN_GW = new GatewayRef("gw-pstn", "sip:carrier.example.com:5080;transport=tcp");
    private static final Classified BOB = new Classified(Kind.ENDPOINT, "BOB", "bob", "ep-bob");
    private static final Classified NUMBER = new Classified(Kind.PSTN, "+1 555 123 4567", "+15551234567", null);
    private static final Classified NOBODY = new Classified(Kind.UNKNOWN, "carol", "carol", null);
    private static final DocumentSource CXML = new DocumentSource("https://app.example.com/voice", "GET",
            "https://app.example.com/fallback", "POST", "https://app.example.com/status", "POST");
    private static final DocumentSource SWML = DocumentSource.of("https://app.example.com/swml");

    private static CallerPolicy policy(CallHandler handler, GatewayRef gateway) {
        return new CallerPolicy(handler, null, gateway, "+15550001111", "Alice");
    }

    private static CallerPolicy handler(CallHandler handler, HandlerTarget target) {
        return new CallerPolicy(handler, target, PSTN_GW, "+15550001111", "Alice");
    }

    @Test
    void passthroughRingsEndpointsAndRelaysNumbersToThePstnGateway() {
        assertThat(DecisionTable.decide(policy(CallHandler.PASSTHROUGH, PSTN_GW), BOB)).isEqualTo(new Ring("ep-bob", "bob"));
        assertThat(DecisionTable.decide(policy(CallHandler.PASSTHROUGH, PSTN_GW), NUMBER))
                .isEqualTo(new Relay(PSTN_GW, "+15551234567", "+15550001111", "Alice"));
    }

    @Test
    void passthroughWithoutAGatewayRefusesNumbersWith503() {
        assertThat(DecisionTable.decide(policy(CallHandler.PASSTHROUGH, null), NUMBER))
                .isEqualTo(new Refuse(503, "No PSTN gateway configured for this project"));
        assertThat(DecisionTable.decide(policy(CallHandler.PASSTHROUGH, null), BOB)).isEqualTo(new Ring("ep-bob", "bob"));
    }

    @Test
    void blockPstnRingsEndpointsAndRefusesNumbersWith403() {
        assertThat(DecisionTable.decide(policy(CallHandler.BLOCK_PSTN, PSTN_GW), BOB)).isEqualTo(new Ring("ep-bob", "bob"));
        assertThat(DecisionTable.decide(policy(CallHandler.BLOCK_PSTN, PSTN_GW), NUMBER))
                .isEqualTo(new Refuse(403, "PSTN calls are blocked for this endpoint"));
    }

    @Test
    void policiesRefuseUnknownTargetsWith404NamingThem() {
        for (CallHandler h : new CallHandler[] {CallHandler.PASSTHROUGH, CallHandler.BLOCK_PSTN}) {
            assertThat(DecisionTable.decide(policy(h, PSTN_GW), NOBODY))
                    .as(h.wireName()).isEqualTo(new Refuse(404, "No endpoint or number carol in this project"));
        }
    }

    @Test
    void aResourceDecidesWhateverTheTarget() {
        GatewayRef trunk = new GatewayRef("gw-2", "sip:trunk.example.net");
        for (Classified target : new Classified[] {BOB, NUMBER, NOBODY}) {
            assertThat(DecisionTable.decide(handler(CallHandler.RESOURCE, new HandlerTarget.Endpoint("ep-9", "desk")), target))
                    .as(target.kind().name()).isEqualTo(new Ring("ep-9", "desk"));
            assertThat(DecisionTable.decide(handler(CallHandler.RESOURCE, new HandlerTarget.CxmlDocument(CXML)), target))
                    .isEqualTo(new RunCxml(CXML));
            assertThat(DecisionTable.decide(handler(CallHandler.RESOURCE, new HandlerTarget.SwmlDocument(SWML)), target))
                    .isEqualTo(new RunSwml(SWML));
        }
        HandlerTarget gateway = new HandlerTarget.Gateway(trunk);
        assertThat(DecisionTable.decide(handler(CallHandler.RESOURCE, gateway), NUMBER))
                .isEqualTo(new Relay(trunk, "+15551234567", "+15550001111", "Alice"));
        assertThat(DecisionTable.decide(handler(CallHandler.RESOURCE, gateway), BOB))
                .isEqualTo(new Relay(trunk, "BOB", "+15550001111", "Alice"));
        assertThat(DecisionTable.decide(handler(CallHandler.RESOURCE, gateway), NOBODY))
                .isEqualTo(new Relay(trunk, "carol", "+15550001111", "Alice"));
    }

    @Test
    void documentHandlersRunTheirDocumentWhateverTheTarget() {
        for (Classified target : new Classified[] {BOB, NUMBER, NOBODY}) {
            assertThat(DecisionTable.decide(handler(CallHandler.LAML_WEBHOOKS, new HandlerTarget.CxmlDocument(CXML)), target))
                    .isEqualTo(new RunCxml(CXML));
            assertThat(DecisionTable.decide(handler(CallHandler.LAML_APPLICATION, new HandlerTarget.CxmlDocument(CXML)), target))
                    .isEqualTo(new RunCxml(CXML));
            assertThat(DecisionTable.decide(handler(CallHandler.RELAY_SCRIPT, new HandlerTarget.SwmlDocument(SWML)), target))
                    .isEqualTo(new RunSwml(SWML));
        }
    }

    @Test
    void aHandlerWhoseResourceOrDocumentIsMissingOrOfTheWrongKindIs500() {
        Refuse missingResource = new Refuse(500, "Call handler resource of this endpoint names no usable resource or document");
        assertThat(DecisionTable.decide(handler(CallHandler.RESOURCE, null), BOB)).isEqualTo(missingResource);
        assertThat(DecisionTable.decide(handler(CallHandler.LAML_WEBHOOKS, new HandlerTarget.SwmlDocument(SWML)), BOB))
                .isEqualTo(new Refuse(500, "Call handler laml_webhooks of this endpoint names no usable resource or document"));
        assertThat(DecisionTable.decide(handler(CallHandler.RELAY_SCRIPT, null), NUMBER))
                .isEqualTo(new Refuse(500, "Call handler relay_script of this endpoint names no usable resource or document"));
    }

    @ParameterizedTest
    @EnumSource(value = CallHandler.class, names = {"DIALOGFLOW", "RELAY_TOPIC", "RELAY_CONTEXT", "RELAY_APPLICATION",
            "VIDEO_ROOM", "RELAY_CONNECTOR", "CALL_FLOW", "AI_AGENT"})
    void everyOtherHandlerIs501NamingItWhateverTheTarget(CallHandler h) {
        for (Classified target : new Classified[] {BOB, NUMBER, NOBODY}) {
            assertThat(DecisionTable.decide(handler(h, new HandlerTarget.CxmlDocument(CXML)), target))
                    .isEqualTo(new Refuse(501, "Call handler " + h.wireName() + " is not available on this server"));
        }
    }

    @Test
    void theTestsAboveCoverEveryHandler() {
        EnumSet<CallHandler> covered = EnumSet.of(CallHandler.DEFAULT, CallHandler.PASSTHROUGH, CallHandler.BLOCK_PSTN,
                CallHandler.RESOURCE, CallHandler.LAML_WEBHOOKS, CallHandler.LAML_APPLICATION, CallHandler.RELAY_SCRIPT,
                CallHandler.DIALOGFLOW, CallHandler.RELAY_TOPIC, CallHandler.RELAY_CONTEXT, CallHandler.RELAY_APPLICATION,
                CallHandler.VIDEO_ROOM, CallHandler.RELAY_CONNECTOR, CallHandler.CALL_FLOW, CallHandler.AI_AGENT);
        assertThat(covered).isEqualTo(EnumSet.allOf(CallHandler.class));
    }

    @Test
    void anUnresolvedDefaultHandlerIsAProgrammingError() {
        assertThatThrownBy(() -> policy(CallHandler.DEFAULT, PSTN_GW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default");
    }

    @Test
    void reasonHeaderQuotesTheText() {
        assertThat(DecisionTable.reasonHeader(403, "PSTN calls are blocked for this endpoint"))
                .isEqualTo("SIP ;cause=403 ;text=\"PSTN calls are blocked for this endpoint\"");
    }

    @Test
    void reasonHeaderMakesQuotesBackslashesAndControlCharactersSafe() {
        assertThat(DecisionTable.reasonHeader(404, "No \"x\" \\ here\r\nVia: evil\t\u0000!"))
                .isEqualTo("SIP ;cause=404 ;text=\"No \\\"x\\\" \\\\ here  Via: evil  !\"");
        assertThat(DecisionTable.reasonHeader(500, null)).isEqualTo("SIP ;cause=500 ;text=\"\"");
        assertThat(DecisionTable.reasonHeader(404, "é ✓")).isEqualTo("SIP ;cause=404 ;text=\"é ✓\"");
    }

    @Test
    void reasonHeaderCutsLongTextAndRejectsNonSipStatuses() {
        String header = DecisionTable.reasonHeader(404, "x".repeat(5000));
        assertThat(header).hasSize("SIP ;cause=404 ;text=\"\"".length() + DecisionTable.MAX_REASON_TEXT);
        assertThatThrownBy(() -> DecisionTable.reasonHeader(99, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecisionTable.reasonHeader(700, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
