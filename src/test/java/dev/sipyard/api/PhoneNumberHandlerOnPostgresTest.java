package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class PhoneNumberHandlerOnPostgresTest extends PhoneNumberHandlerContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
