package dev.sipyard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DoctorTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Instant LAST_YEAR = NOW.minus(Duration.ofDays(365));

    @Test
    void anExpiredCertificateFailsAndSaysWhen() {
        Doctor.Finding f = Doctor.certificateValidity("cert.pem", LAST_YEAR, NOW.minus(Duration.ofDays(2)), NOW);
        assertThat(f.level()).isEqualTo(Doctor.Level.FAIL);
        assertThat(f.line()).isEqualTo("fail  TLS certificate: cert.pem expired on 2026-12-01");
    }

    @Test
    void aCertificateNotYetValidFails() {
        Doctor.Finding f = Doctor.certificateValidity("cert.pem", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), NOW);
        assertThat(f.level()).isEqualTo(Doctor.Level.FAIL);
        assertThat(f.message()).isEqualTo("cert.pem is not valid before 2026-12-04");
    }

    @Test
    void aCertificateEndingWithinThirtyDaysIsAWarning() {
        Doctor.Finding f = Doctor.certificateValidity("cert.pem", LAST_YEAR, NOW.plus(Duration.ofDays(10)), NOW);
        assertThat(f.level()).isEqualTo(Doctor.Level.WARN);
        assertThat(f.message()).isEqualTo("cert.pem expires on 2026-12-13, in 10 day(s)");
    }

    @Test
    void aCertificateValidForLongerIsFine() {
        Doctor.Finding f = Doctor.certificateValidity("cert.pem", LAST_YEAR, NOW.plus(Duration.ofDays(31)), NOW);
        assertThat(f.level()).isEqualTo(Doctor.Level.OK);
        assertThat(f.message()).isEqualTo("cert.pem valid until 2027-01-03 (31 days)");
    }
}
