package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RegistrarTest {
    private static final String PASSWORD = "correct-horse-battery";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPhoneRegistersOverUdpAndTcpWithEveryDigestAlgorithm(Backend backend) {
        // SIP.md's order, strongest first (the default puts MD5 first, see theDefaultOfferPutsMd5First)
        try (SipFixture f = new SipFixture(backend, java.util.Map.of("SIPYARD_SIP_DIGEST_ALGORITHMS",
                "SHA-512-256,SHA-256,MD5"))) {
            String id = f.endpoint("alice", PASSWORD);
            SipPhone udp = f.phone(f.udp(), "alice", PASSWORD);
            SipResponse challenge = udp.send(List.of("<" + udp.contact() + ">"), 600, null);
            assertThat(challenge.status()).isEqualTo(401);
            assertThat(challenge.all("WWW-Authenticate")).hasSize(3);
            assertThat(challenge.all("WWW-Authenticate").get(0)).contains("algorithm=SHA-512-256");
            assertThat(challenge.all("WWW-Authenticate").get(1)).contains("algorithm=SHA-256");
            assertThat(challenge.all("WWW-Authenticate").get(2)).contains("algorithm=MD5");
            assertThat(challenge.all("WWW-Authenticate")).allMatch(v -> v.contains("qop=\"auth\"") && v.contains("opaque="));

            SipResponse ok = udp.send(List.of("<" + udp.contact() + ">"), 600, udp.authorize(challenge));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.contacts()).hasSize(1);
            assertThat(ok.expiresOf(udp.contact())).isBetween(598L, 600L);

            for (String alg : List.of("SHA-256", "SHA-512-256", "MD5")) {
                SipPhone tcp = f.phone(f.tcp(), "alice", PASSWORD).algorithm(alg);
                assertThat(tcp.register(300).status()).as(alg).isEqualTo(200);
            }
            var regs = f.registrations(id).json().get("data");
            assertThat(regs).hasSize(4);
            assertThat(regs.get(0).get("transport").asText()).isEqualTo("udp");
            assertThat(regs.get(1).get("transport").asText()).isEqualTo("tcp");
            assertThat(regs.get(0).get("source_address").asText()).isEqualTo("127.0.0.1");
            assertThat(regs.get(0).get("user_agent").asText()).isEqualTo("sipyard-test-phone");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theDefaultOfferPutsMd5FirstForClientsThatReadOnlyTheFirstChallenge(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("zed", PASSWORD);
            SipPhone udp = f.phone(f.udp(), "zed", PASSWORD);
            SipResponse challenge = udp.send(List.of("<" + udp.contact() + ">"), 600, null);
            assertThat(challenge.all("WWW-Authenticate")).hasSize(3);
            assertThat(challenge.all("WWW-Authenticate").get(0)).contains("algorithm=MD5");
            assertThat(challenge.all("WWW-Authenticate").get(1)).contains("algorithm=SHA-512-256");
            assertThat(challenge.all("WWW-Authenticate").get(2)).contains("algorithm=SHA-256");
            assertThat(udp.algorithm("SHA-512-256").register(600).status()).isEqualTo(200);
        }
    }
}
