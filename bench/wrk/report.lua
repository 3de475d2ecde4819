-- Appended to every scenario: one machine-readable line after the run.
-- RESULT rps=<requests/s> p50_ms=.. p99_ms=.. requests=.. non2xx=.. socket_errors=..
function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errs = summary.errors
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    errs.status, errs.connect + errs.read + errs.write + errs.timeout))
end
