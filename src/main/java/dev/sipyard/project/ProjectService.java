package dev.sipyard.project;

import dev.sipyard.common.Ids;
import dev.sipyard.common.Encryption;
import dev.sipyard.common.Media;
import dev.sipyard.endpoint.CallHandler;
import dev.sipyard.store.Database;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Creating and finding projects. A new project gets a SIP domain, a fixed digest realm and its first API token. */
public final class ProjectService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Jdbi jdbi;
    private final ApiTokens tokens;
    private final String sipDomain;

    public ProjectService(Jdbi jdbi, ApiTokens tokens, String sipDomain) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.sipDomain = sipDomain;
    }

    public NewProject create(String name) {
        String cleanName = name == null || name.isBlank() ? "default" : name.strip();
        if (cleanName.length() > 200 || cleanName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a project name is 1..200 printable characters");
        }
        for (int attempt = 0; ; attempt++) {
            String identifier = slug(cleanName) + "-" + HexFormat.of().formatHex(randomBytes(3));
            try {
                return insert(cleanName, identifier);
            } catch (RuntimeException e) {
                if (!Database.isUniqueViolation(e) || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private NewProject insert(String name, String identifier) {
        String id = Ids.newId();
        String realm = identifier + "." + sipDomain;
        long now = System.currentTimeMillis();
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO projects (id, name, domain_identifier, realm, signing_key, default_codecs, "
                            + "default_ciphers, default_encryption, default_send_as, default_call_handler, "
                            + "created_at, updated_at) VALUES (:id, :name, :ident, :realm, :key, :codecs, :ciphers, "
                            + ":encryption, NULL, :handler, :now, :now)")
                    .bind("id", id).bind("name", name).bind("ident", identifier).bind("realm", realm)
                    .bind("key", SigningKeys.newKey())
                    .bind("encryption", Encryption.OPTIONAL).bind("handler", CallHandler.PASSTHROUGH.wireName())
                    .bind("codecs", Media.join(Media.DEFAULT_CODECS)).bind("ciphers", Media.join(Media.DEFAULT_CIPHERS))
                    .bind("now", now)
                    .execute();
            String token = tokens.issue(h, id);
            return new NewProject(new Project(id, name, identifier, realm, now), token, domainOf(identifier));
        });
    }

    public Optional<Project> find(String id) {
        if (!Ids.isId(id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, name, domain_identifier, realm, created_at FROM projects WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Project(rs.getString("id"), rs.getString("name"),
                        rs.getString("domain_identifier"), rs.getString("realm"), rs.getLong("created_at")))
                .findOne());
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM projects").mapTo(Long.class).one());
    }

    public String domainOf(String domainIdentifier) {
        return domainIdentifier + "." + sipDomain;
    }

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^\\p{ASCII}]", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 40) {
            s = s.substring(0, 40).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "project" : s;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
