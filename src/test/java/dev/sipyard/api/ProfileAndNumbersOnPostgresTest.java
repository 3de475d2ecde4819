package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ProfileAndNumbersOnPostgresTest extends ProfileAndNumbersContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
