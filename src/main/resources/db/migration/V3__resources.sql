-- Call-handling resources (cXML/SWML webhooks, cXML applications, SIP gateways).
-- One envelope row per resource in `resources` (what the generic view lists), and one row
-- with the type's own fields in the table named after its collection. Deleting the envelope
-- deletes the type row. SIP endpoints stay in sip_endpoints; the generic view merges them in.

CREATE TABLE resources (
    id            TEXT PRIMARY KEY,
    project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    type          TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX resources_page ON resources (project_id, id);
CREATE INDEX resources_type_page ON resources (project_id, type, id);

CREATE TABLE cxml_webhooks (
    id                       TEXT PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    name                     TEXT NOT NULL,
    used_for                 TEXT NOT NULL,
    primary_request_url      TEXT NOT NULL,
    primary_request_method   TEXT NOT NULL,
    fallback_request_url     TEXT,
    fallback_request_method  TEXT NOT NULL,
    status_callback_url      TEXT,
    status_callback_method   TEXT NOT NULL
);

CREATE TABLE swml_webhooks (
    id                       TEXT PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    name                     TEXT NOT NULL,
    used_for                 TEXT NOT NULL,
    primary_request_url      TEXT NOT NULL,
    primary_request_method   TEXT NOT NULL,
    fallback_request_url     TEXT,
    fallback_request_method  TEXT NOT NULL,
    status_callback_url      TEXT,
    status_callback_method   TEXT NOT NULL
);

CREATE TABLE cxml_applications (
    id                          TEXT PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    friendly_name               TEXT NOT NULL,
    voice_url                   TEXT,
    voice_method                TEXT NOT NULL,
    voice_fallback_url          TEXT,
    voice_fallback_method       TEXT NOT NULL,
    status_callback             TEXT,
    status_callback_method      TEXT NOT NULL,
    sms_url                     TEXT,
    sms_method                  TEXT NOT NULL,
    sms_fallback_url            TEXT,
    sms_fallback_method         TEXT NOT NULL,
    sms_status_callback         TEXT,
    sms_status_callback_method  TEXT NOT NULL
);

-- codecs and ciphers: comma-separated, NULL = the project's SIP profile defaults.
CREATE TABLE sip_gateways (
    id          TEXT PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    uri         TEXT NOT NULL,
    codecs      TEXT,
    ciphers     TEXT,
    encryption  TEXT NOT NULL
);

CREATE INDEX projects_default_handler ON projects (default_calling_handler_resource_id);
CREATE INDEX projects_pstn_gateway ON projects (pstn_gateway_id);
