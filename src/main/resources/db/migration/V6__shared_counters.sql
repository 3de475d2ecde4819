-- Counters that nodes sharing one database add up (REST request budgets, failed SIP
-- authentications per address and per username): each node writes its own count per key and time
-- bucket a few times a second and reads the others' sums, so N nodes do not give a client N times
-- the budget, without a database write per request. bucket_start is epoch milliseconds; rows older
-- than their counter's window are deleted by whichever node sweeps first.
CREATE TABLE shared_counters (
    name          TEXT NOT NULL,
    counter_key   TEXT NOT NULL,
    bucket_start  BIGINT NOT NULL,
    node          TEXT NOT NULL,
    count         INTEGER NOT NULL,
    PRIMARY KEY (name, counter_key, bucket_start, node)
);
CREATE INDEX shared_counters_age ON shared_counters (name, bucket_start);
