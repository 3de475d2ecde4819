package dev.sipyard.routing;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Classifies the user part of a call's Request-URI (CALLS.md "Classifying the dialled target"):
 * an endpoint of the caller's project first, else a PSTN number, else unknown.
 */
public final class DialledTarget {
    private static final Pattern VISUAL_SEPARATORS = Pattern.compile("[-. ()]");
    private static final Pattern PSTN = Pattern.compile("\\+?[0-9]{7,15}");

    private DialledTarget() {}

    /** What kind of target was dialled. */
    public enum Kind { ENDPOINT, PSTN, UNKNOWN }

    /**
     * A classified target.
     *
     * @param kind what was dialled
     * @param dialled the Request-URI user exactly as received ("" when there was none)
     * @param user the form to route with: the normalised number for PSTN (e.g. {@code +15551234567}),
     *     the endpoint's username for an endpoint, else the dialled text
     * @param endpointId the endpoint's id when known (only from {@link #classifyAgainst}), else null
     */
    public record Classified(Kind kind, String dialled, String user, String endpointId) {}

    /** An endpoint found by username: its id and its username as stored. */
    public record KnownEndpoint(String endpointId, String username) {}

    /**
     * Classifies {@code requestUriUser}. {@code isEndpointOfCallersProject} must compare usernames
     * case-insensitively; it is asked first, so an endpoint named like a number wins. The user is
     * taken as is: percent-encoding is not decoded here.
     */
    public static Classified classify(String requestUriUser, Predicate<String> isEndpointOfCallersProject) {
        return classifyAgainst(requestUriUser,
                u -> isEndpointOfCallersProject.test(u) ? Optional.of(new KnownEndpoint(null, u)) : Optional.empty());
    }

    /** Like {@link #classify} but the lookup also names the endpoint, so a Ring carries its id. */
    public static Classified classifyAgainst(String requestUriUser,
            Function<String, Optional<KnownEndpoint>> endpointOfCallersProject) {
        String dialled = requestUriUser == null ? "" : requestUriUser;
        if (!dialled.isEmpty()) {
            Optional<KnownEndpoint> endpoint = endpointOfCallersProject.apply(dialled);
            if (endpoint.isPresent()) {
                return new Classified(Kind.ENDPOINT, dialled, endpoint.get().username(), endpoint.get().endpointId());
            }
        }
        return pstnNumber(dialled)
                .map(n -> new Classified(Kind.PSTN, dialled, n, null))
                .orElseGet(() -> new Classified(Kind.UNKNOWN, dialled, dialled, null));
    }

    /**
     * The number with visual separators ({@code - . space ( )}) removed when what remains is
     * {@code +} and 7–15 digits or 7–15 digits; empty otherwise.
     */
    public static Optional<String> pstnNumber(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        String stripped = VISUAL_SEPARATORS.matcher(text).replaceAll("");
        return PSTN.matcher(stripped).matches() ? Optional.of(stripped) : Optional.empty();
    }
}
