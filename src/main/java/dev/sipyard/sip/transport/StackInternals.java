package dev.sipyard.sip.transport;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The few JAIN-SIP members that are not public but that sipyard must reach, looked up once when a
 * class that needs them loads: a JAIN-SIP version without one fails at start, naming it.
 */
final class StackInternals {
    private StackInternals() {}

    static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JAIN-SIP version has no " + owner.getSimpleName() + "." + name
                    + ": " + e.getMessage(), e);
        }
    }

    static Method method(Class<?> owner, String name) {
        try {
            Method m = owner.getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JAIN-SIP version has no " + owner.getSimpleName() + "." + name
                    + "(): " + e.getMessage(), e);
        }
    }
}
