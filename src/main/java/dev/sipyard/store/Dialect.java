package dev.sipyard.store;

/** The two databases sipyard runs on. SQL is written once in the subset both understand. */
public enum Dialect {
    SQLITE,
    POSTGRES
}
