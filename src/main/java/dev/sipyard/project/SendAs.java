package dev.sipyard.project;

import dev.sipyard.common.Input;
import dev.sipyard.common.PhoneNumbers;
import dev.sipyard.common.Violation;
import org.jdbi.v3.core.Handle;

/**
 * The one rule for a caller number to send as ({@code send_as}, the profile's
 * {@code default_send_as}): {@code random} (any case) or an E.164 number the project owns.
 */
public final class SendAs {
    public static final String RANDOM = "random";

    private SendAs() {}

    /**
     * The value to store for {@code field} ({@code random} canonical, null kept as null), or null
     * after recording {@code send_as_is_invalid}. An owned number is held in the caller's
     * transaction so that it cannot be deleted before the transaction ends.
     */
    public static String check(Handle h, String projectId, Input in, String field, String value) {
        if (value == null) {
            return null;
        }
        if (RANDOM.equalsIgnoreCase(value)) {
            return RANDOM;
        }
        if (PhoneNumbers.isE164(value) && PhoneNumberService.owns(h, projectId, value)) {
            return value;
        }
        in.fail(Violation.SEND_AS_INVALID, field, field + " must be random or an E.164 number that the project owns.");
        return null;
    }
}
