package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sipyard.endpoint.CallHandler;
import dev.sipyard.endpoint.HandlerField;
import dev.sipyard.endpoint.SipEndpoint;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The streamed representation (get and list) is the same text as the map one (create, update, CLI). */
class EndpointJsonTest {
    @ParameterizedTest
    @EnumSource(CallHandler.class)
    void theStreamedEndpointIsTheMapEndpointForEveryHandler(CallHandler handler) throws JsonProcessingException {
        Map<HandlerField, String> all = new EnumMap<>(HandlerField.class);
        for (HandlerField f : handler.fields()) {
            all.put(f, "v-" + f.wireName() + " \"quoted\" \u00e9\u4e2d\n");
        }
        Map<HandlerField, String> firstOnly = new EnumMap<>(HandlerField.class); // its optional fields left null
        all.entrySet().stream().findFirst().ifPresent(f -> firstOnly.put(f.getKey(), f.getValue()));
        assertSameText(handler, all);
        assertSameText(handler, firstOnly);
    }

    private static void assertSameText(CallHandler handler, Map<HandlerField, String> fields)
            throws JsonProcessingException {
        SipEndpoint e = new SipEndpoint("0b0c5cbb-5b0c-4a5e-9a43-0a5d6d1c9a01", "p", "al\u00efce", "Al \"A\"",
                null, List.of("AEAD_AES_256_GCM_8", "AES_CM_128_HMAC_SHA1_80"), null, "optional", handler, fields,
                1L, 2L);

        String streamed = Json.MAPPER.writeValueAsString(EndpointJson.streamed(e));

        assertThat(streamed).isEqualTo(Json.write(EndpointJson.of(e)));
        assertThat(streamed).contains("\"call_handler\":\"" + handler.wireName() + "\"", "\"send_as\":null",
                "\"codecs\":null", "\"ciphers\":[\"AEAD_AES_256_GCM_8\",\"AES_CM_128_HMAC_SHA1_80\"]");
    }
}
