package dev.sipyard.sip.registrar;

/** One Contact of a REGISTER: its URI and its own expires parameter (null when absent). */
public record ContactSpec(String uri, Long expires) {}
