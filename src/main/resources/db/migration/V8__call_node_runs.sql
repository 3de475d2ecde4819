-- A node that dies (kill -9, power loss) cannot end the calls it was handling. Each call records
-- the run of the node that keeps it (node_run: node id and a per-start suffix), each running node
-- refreshes its row in node_runs every few seconds, and a live node ends the calls of a run that
-- has fallen silent, so that no call stays open in the log and its final callback still goes out.

ALTER TABLE calls ADD COLUMN node_run TEXT;
CREATE INDEX calls_open ON calls (node_run) WHERE end_time IS NULL;

CREATE TABLE node_runs (
    run         TEXT PRIMARY KEY,
    node_id     TEXT NOT NULL,
    started_at  BIGINT NOT NULL,
    seen_at     BIGINT NOT NULL
);
