-- Calls: the call log, its events, the durable webhook outbox, phone-number call handlers and
-- gateway credentials. Common SQL for SQLite and PostgreSQL; times are epoch milliseconds.

-- One row per call leg. A call placed by an endpoint or arriving from a carrier is `inbound`;
-- each leg a <Dial>/connect opens is `outbound-dial` with the parent's id.
CREATE TABLE calls (
    id                      TEXT PRIMARY KEY,
    project_id              TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    parent_call_id          TEXT,
    direction               TEXT NOT NULL,
    from_address            TEXT NOT NULL,
    to_address              TEXT NOT NULL,
    caller_name             TEXT,
    caller_endpoint_id      TEXT,
    phone_number_id         TEXT,
    handler                 TEXT,
    decision                TEXT,
    status                  TEXT NOT NULL,
    reason                  TEXT,
    sip_call_id             TEXT,
    sip_result_code         INTEGER,
    status_callback_url     TEXT,
    status_callback_method  TEXT,
    callback_sequence       INTEGER NOT NULL DEFAULT 0,
    start_time              BIGINT NOT NULL,
    answer_time             BIGINT,
    end_time                BIGINT,
    duration                INTEGER,
    created_at              BIGINT NOT NULL,
    updated_at              BIGINT NOT NULL
);
CREATE INDEX calls_page ON calls (project_id, id);
CREATE INDEX calls_parent ON calls (parent_call_id);

-- What happened during a call, in order: the routing decision, each document fetch, each SIP
-- branch and its final response, each verb, each status change. detail is a JSON object.
CREATE TABLE call_events (
    id          TEXT PRIMARY KEY,
    call_id     TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    project_id  TEXT NOT NULL,
    at          BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE INDEX call_events_call ON call_events (call_id, id);

-- Webhooks to deliver (status callbacks), written in the same transaction as the change they
-- report. Delivered in order per (project, ordering_key); a row is deleted once delivered.
-- A node takes rows with a lease (lease_owner, lease_until) that expires if it dies.
CREATE TABLE webhook_outbox (
    id               TEXT PRIMARY KEY,
    project_id       TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    ordering_key     TEXT NOT NULL,
    url              TEXT NOT NULL,
    method           TEXT NOT NULL,
    params           TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    next_attempt_at  BIGINT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    lease_owner      TEXT,
    lease_until      BIGINT
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at);
CREATE INDEX webhook_outbox_order ON webhook_outbox (ordering_key, id);

-- What a call to one of the project's numbers does (SignalWire's phone-number fields).
ALTER TABLE phone_numbers ADD COLUMN call_handler TEXT;
ALTER TABLE phone_numbers ADD COLUMN call_request_url TEXT;
ALTER TABLE phone_numbers ADD COLUMN call_request_method TEXT;
ALTER TABLE phone_numbers ADD COLUMN call_fallback_url TEXT;
ALTER TABLE phone_numbers ADD COLUMN call_fallback_method TEXT;
ALTER TABLE phone_numbers ADD COLUMN call_status_callback_url TEXT;
ALTER TABLE phone_numbers ADD COLUMN call_status_callback_method TEXT;
ALTER TABLE phone_numbers ADD COLUMN call_laml_application_id TEXT;
ALTER TABLE phone_numbers ADD COLUMN call_relay_script_url TEXT;
ALTER TABLE phone_numbers ADD COLUMN call_sip_endpoint_id TEXT;
CREATE INDEX phone_numbers_number ON phone_numbers (number);

-- Credentials sipyard answers a carrier's challenge with: the password encrypted with a server key.
ALTER TABLE sip_gateways ADD COLUMN username TEXT;
ALTER TABLE sip_gateways ADD COLUMN password_encrypted TEXT;
