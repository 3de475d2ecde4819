-- One schema for SQLite and PostgreSQL: TEXT ids (UUIDs), BIGINT epoch milliseconds.

CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE projects (
    id                                  TEXT PRIMARY KEY,
    name                                TEXT NOT NULL,
    domain_identifier                   TEXT NOT NULL UNIQUE,
    realm                               TEXT NOT NULL,
    signing_key                         TEXT NOT NULL,
    default_codecs                      TEXT NOT NULL,
    default_ciphers                     TEXT NOT NULL,
    default_encryption                  TEXT NOT NULL,
    default_send_as                     TEXT,
    default_call_handler                TEXT NOT NULL,
    default_calling_handler_resource_id TEXT,
    pstn_gateway_id                     TEXT,
    created_at                          BIGINT NOT NULL,
    updated_at                          BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    hint        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX api_tokens_project ON api_tokens (project_id, id);

CREATE TABLE phone_numbers (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number      TEXT NOT NULL,
    name        TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (project_id, number)
);
CREATE INDEX phone_numbers_page ON phone_numbers (project_id, id);

CREATE TABLE sip_endpoints (
    id                                     TEXT PRIMARY KEY,
    project_id                             TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    username                               TEXT NOT NULL,
    username_key                           TEXT NOT NULL,
    ha1_md5                                TEXT NOT NULL,
    ha1_sha256                             TEXT NOT NULL,
    ha1_sha512_256                         TEXT NOT NULL,
    credential_version                     BIGINT NOT NULL,
    caller_id                              TEXT,
    send_as                                TEXT,
    ciphers                                TEXT,
    codecs                                 TEXT,
    encryption                             TEXT NOT NULL,
    call_handler                           TEXT NOT NULL,
    calling_handler_resource_id            TEXT,
    call_request_url                       TEXT,
    call_request_method                    TEXT,
    call_fallback_url                      TEXT,
    call_fallback_method                   TEXT,
    call_status_callback_url               TEXT,
    call_status_callback_method            TEXT,
    call_laml_application_id               TEXT,
    call_dialogflow_agent_id               TEXT,
    call_relay_topic                       TEXT,
    call_relay_topic_status_callback_url   TEXT,
    call_relay_context                     TEXT,
    call_relay_context_status_callback_url TEXT,
    call_relay_application                 TEXT,
    call_video_room_id                     TEXT,
    call_relay_script_url                  TEXT,
    call_flow_id                           TEXT,
    call_flow_version                      TEXT,
    call_ai_agent_id                       TEXT,
    created_at                             BIGINT NOT NULL,
    updated_at                             BIGINT NOT NULL,
    UNIQUE (project_id, username_key)
);
CREATE INDEX sip_endpoints_page ON sip_endpoints (project_id, id);
CREATE INDEX sip_endpoints_username ON sip_endpoints (username_key);
CREATE INDEX sip_endpoints_handler_resource ON sip_endpoints (calling_handler_resource_id);
CREATE INDEX sip_endpoints_laml_application ON sip_endpoints (call_laml_application_id);
