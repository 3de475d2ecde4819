-- POST /api/fabric/resources/sip_endpoints with a unique username and a valid password.
-- Usernames: <$BENCH_PREFIX>t<thread>n<counter> (api.sh gives every wrk run its own prefix).
local counter = 0
local prefix = os.getenv("BENCH_PREFIX") or "b"
local nextId = 0
function setup(thread)
  thread:set("tid", nextId)
  nextId = nextId + 1
end
local headers = {}
function init(args)
  for k, v in pairs(wrk.headers) do -- keep -H Authorization: wrk.format replaces the headers it is given
    headers[k] = v
  end
  headers["Content-Type"] = "application/json"
end
function request()
  counter = counter + 1
  local body = string.format('{"username":"%st%dn%d","password":"Zq8-%d-kLm4x"}', prefix, tid, counter, counter)
  return wrk.format("POST", "/api/fabric/resources/sip_endpoints", headers, body)
end
