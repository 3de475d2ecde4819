package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class AuthOnPostgresTest extends AuthContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
