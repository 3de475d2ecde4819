package dev.sipyard.store.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Lets PostgreSQL update a binding in place. Every REGISTER changes its binding's expiry, and an
 * index on the expiry made each of those updates write a new row version and an entry in every
 * index (and left work for vacuum). Without that index, and with room left on each page
 * (fill factor 50), PostgreSQL keeps the new version on the same page with no index entry (a
 * "HOT" update). Expired bindings are swept by a scan instead (see {@code LocationService.sweep}).
 * Java, not SQL, because the fill factor is PostgreSQL's alone.
 */
public final class V9__RegistrationsUpdatedInPlace extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL");
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("DROP INDEX sip_registrations_expiry");
            if (postgres) {
                s.execute("ALTER TABLE sip_registrations SET (fillfactor = 50)");
            }
        }
    }
}
