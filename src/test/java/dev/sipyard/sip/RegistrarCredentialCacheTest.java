package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.endpoint.DigestHa1;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.SipPhone;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The registrar reads credentials from a per-node cache; a change made where this node cannot see
 * it (another node, straight in the database) must still take effect at once: the old password
 * is refused, the new one accepted, a deleted endpoint refused.
 */
class RegistrarCredentialCacheTest {
    private static final String OLD = "correct-horse-battery";
    private static final String NEW = "a-brand-new-secret-9";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPasswordChangedOrEndpointDeletedBehindThisNodesBackIsHonouredAtOnce(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            String id = f.endpoint("mia", OLD);
            SipPhone phone = f.phone(f.udp(), "mia", OLD);
            assertThat(phone.register(600).status()).isEqualTo(200); // the credential is cached now
            Jdbi jdbi = f.server.server().database().jdbi();
            String realm = jdbi.withHandle(h -> h.createQuery("SELECT p.realm FROM projects p JOIN sip_endpoints e "
                    + "ON e.project_id = p.id WHERE e.id = :id").bind("id", id).mapTo(String.class).one());
            DigestHa1 ha1 = DigestHa1.of("mia", realm, NEW);
            jdbi.useHandle(h -> h.createUpdate("UPDATE sip_endpoints SET ha1_md5 = :m, ha1_sha256 = :s, "
                            + "ha1_sha512_256 = :t, credential_version = credential_version + 1 WHERE id = :id")
                    .bind("m", ha1.md5()).bind("s", ha1.sha256()).bind("t", ha1.sha512256()).bind("id", id)
                    .execute());

            assertThat(phone.register(600).status()).isEqualTo(403);
            SipPhone renewed = f.phone(f.udp(), "mia", NEW);
            assertThat(renewed.register(600).status()).isEqualTo(200);

            jdbi.useHandle(h -> h.createUpdate("DELETE FROM sip_endpoints WHERE id = :id").bind("id", id).execute());
            assertThat(renewed.register(600).status()).isEqualTo(403);
        }
    }
}
