package dev.sipyard.common;

import java.util.regex.Pattern;

/** E.164: a plus sign and 2 to 15 digits, the first not zero. */
public final class PhoneNumbers {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private PhoneNumbers() {}

    public static boolean isE164(String s) {
        return s != null && E164.matcher(s).matches();
    }
}
