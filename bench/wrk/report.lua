-- Appended to every scenario: one machine-readable line after the run.
-- RESULT rps=<2xx answers/s> p50_ms=.. p99_ms=.. requests=.. non2xx=.. socket_errors=..
-- wrk counts answers with a status of 400 or more in errors.status (its "Non-2xx or 3xx responses" line);
-- the routes measured never answer 1xx or 3xx. rps counts the other answers only, and bench/api.sh stops
-- with an error when non2xx or socket_errors is not 0.
function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errs = summary.errors
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    (summary.requests - errs.status) / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errs.status, errs.connect + errs.read + errs.write + errs.timeout))
end
