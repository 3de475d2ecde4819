package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class CallLogOnPostgresTest extends CallLogContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
