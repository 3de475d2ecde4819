-- Recordings of calls. The audio is a WAV file under the data folder; the row says what it is and
-- where (file_name, relative to the data folder). Common SQL for SQLite and PostgreSQL; times are
-- epoch milliseconds.
--
-- call_sid names a row of calls without a foreign key: the call log is written by a batching
-- writer that may commit a call after its recording, and a recording outlives nothing it points to
-- (a project's deletion removes both). Null is kept for recordings of no single call (conferences).
CREATE TABLE recordings (
    id                TEXT PRIMARY KEY,
    project_id        TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    call_sid          TEXT,
    status            TEXT NOT NULL,
    source            TEXT NOT NULL,
    channels          INTEGER NOT NULL,
    sample_rate       INTEGER NOT NULL,
    duration_seconds  INTEGER NOT NULL,
    size_bytes        BIGINT NOT NULL,
    file_name         TEXT NOT NULL,
    error_code        INTEGER,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
-- Lists are newest first by id (time-ordered ids), filtered by creation time or call.
CREATE INDEX recordings_page ON recordings (project_id, id);
CREATE INDEX recordings_created ON recordings (project_id, created_at);
CREATE INDEX recordings_call ON recordings (call_sid);
