package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class PhoneNumberHandlerOnSqliteTest extends PhoneNumberHandlerContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
