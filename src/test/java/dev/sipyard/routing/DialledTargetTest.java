package dev.sipyard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.routing.DialledTarget.Classified;
import dev.sipyard.routing.DialledTarget.Kind;
import dev.sipyard.routing.DialledTarget.KnownEndpoint;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DialledTargetTest {
    private static final Set<String> ENDPOINTS = Set.of("alice", "5551234567", "bob.smith");
    private static final Predicate<String> IS_ENDPOINT = u -> ENDPOINTS.stream().anyMatch(e -> e.equalsIgnoreCase(u));

    private static Classified classify(String user) {
        return DialledTarget.classify(user, IS_ENDPOINT);
    }

    @Test
    void anEndpointUsernameWinsCaseInsensitivelyEvenWhenItLooksLikeANumber() {
        assertThat(classify("ALICE")).isEqualTo(new Classified(Kind.ENDPOINT, "ALICE", "ALICE", null));
        assertThat(classify("5551234567").kind()).isEqualTo(Kind.ENDPOINT);
        assertThat(classify("bob.smith").kind()).isEqualTo(Kind.ENDPOINT);
    }

    @Test
    void theLookupVariantCarriesTheEndpointIdAndStoredUsername() {
        Classified c = DialledTarget.classifyAgainst("Alice",
                u -> u.equalsIgnoreCase("alice") ? Optional.of(new KnownEndpoint("ep-1", "alice")) : Optional.empty());
        assertThat(c).isEqualTo(new Classified(Kind.ENDPOINT, "Alice", "alice", "ep-1"));
    }

    @Test
    void numbersWithSeparatorsAreNormalised() {
        assertThat(classify("+1 (555) 123-4567")).isEqualTo(new Classified(Kind.PSTN, "+1 (555) 123-4567", "+15551234567", null));
        assertThat(classify("555.123.4567").user()).isEqualTo("5551234567");
        assertThat(classify("+15551234567").user()).isEqualTo("+15551234567");
        assertThat(classify("0044 20 7946 0958").user()).isEqualTo("00442079460958");
    }

    @Test
    void sevenToFifteenDigitsArePstnSixAndSixteenAreNot() {
        assertThat(classify("1234567").kind()).isEqualTo(Kind.PSTN);
        assertThat(classify("+1234567").kind()).isEqualTo(Kind.PSTN);
        assertThat(classify("123456789012345").kind()).isEqualTo(Kind.PSTN);
        assertThat(classify("+123456789012345").kind()).isEqualTo(Kind.PSTN);
        assertThat(classify("123456").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(classify("+123456").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(classify("1234567890123456").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(classify("+1234567890123456").kind()).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void aPlusInTheMiddleLettersAndOtherSeparatorsAreUnknown() {
        for (String user : new String[] {"555+1234567", "++15551234567", "1555123456a", "carol", "555/123/4567",
                "555_123_4567", "+", "---", "1-800-FLOWERS"}) {
            Classified c = classify(user);
            assertThat(c.kind()).as(user).isEqualTo(Kind.UNKNOWN);
            assertThat(c.user()).as(user).isEqualTo(user);
        }
    }

    @Test
    void percentEncodingIsNotDecodedHere() {
        assertThat(classify("%2B15551234567").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(classify("al%69ce").kind()).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void emptyAndNullAreUnknownAndNeverAskTheLookup() {
        Predicate<String> refuses = u -> {
            throw new AssertionError("asked about " + u);
        };
        assertThat(DialledTarget.classify("", refuses)).isEqualTo(new Classified(Kind.UNKNOWN, "", "", null));
        assertThat(DialledTarget.classify(null, refuses)).isEqualTo(new Classified(Kind.UNKNOWN, "", "", null));
    }

    @Test
    void veryLongInputIsUnknown() {
        assertThat(classify("1".repeat(10_000)).kind()).isEqualTo(Kind.UNKNOWN);
    }
}
