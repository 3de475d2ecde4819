-- SIP registrar: location bindings and brute-force bans. Common SQL for SQLite and PostgreSQL.

CREATE TABLE sip_registrations (
    id                 TEXT PRIMARY KEY,
    endpoint_id        TEXT NOT NULL REFERENCES sip_endpoints (id) ON DELETE CASCADE,
    project_id         TEXT NOT NULL,
    contact_uri        TEXT NOT NULL,
    call_id            TEXT NOT NULL,
    cseq               BIGINT NOT NULL,
    transport          TEXT NOT NULL,
    source_address     TEXT NOT NULL,
    source_port        INTEGER NOT NULL,
    user_agent         TEXT,
    credential_version BIGINT NOT NULL,
    registered_at      BIGINT NOT NULL,
    expires_at         BIGINT NOT NULL,
    UNIQUE (endpoint_id, contact_uri)
);
CREATE INDEX sip_registrations_expiry ON sip_registrations (expires_at);

-- One row per source address that has been banned; kept after the ban ends so that a repeat doubles it.
CREATE TABLE sip_bans (
    address      TEXT PRIMARY KEY,
    reason       TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    bans         INTEGER NOT NULL,
    banned_at    BIGINT NOT NULL,
    banned_until BIGINT NOT NULL
);
CREATE INDEX sip_bans_until ON sip_bans (banned_until);

-- The projects whose domain or endpoints a banned address was attacking (what a project may see).
CREATE TABLE sip_ban_projects (
    address    TEXT NOT NULL REFERENCES sip_bans (address) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    PRIMARY KEY (address, project_id)
);
CREATE INDEX sip_ban_projects_project ON sip_ban_projects (project_id);
