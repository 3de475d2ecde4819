#!/usr/bin/env python3
"""Creates N SIP endpoints through the REST API (keep-alive, a few threads) and writes sipp's CSV.

usage: create-endpoints.py BASE_URL PROJECT_ID TOKEN COUNT CSV_OUT [EXTRA_JSON]

EXTRA_JSON: more fields for every endpoint, e.g. '{"call_handler": "laml_webhooks", ...}'.
"""
import base64, http.client, json, sys, threading, urllib.parse

base, project, token, count, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
extra = json.loads(sys.argv[6]) if len(sys.argv) > 6 else {}
url = urllib.parse.urlparse(base)
auth = "Basic " + base64.b64encode(f"{project}:{token}".encode()).decode()


def call(conn, method, path, body=None):
    headers = {"Authorization": auth}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, data


conn = http.client.HTTPConnection(url.hostname, url.port)
status, data = call(conn, "GET", "/api/relay/rest/sip_profile")
domain = json.loads(data)["domain"]
users = [(f"bench{i:05d}", f"bench-secret-{i:05d}-x9") for i in range(count)]
errors = []


def worker(part):
    c = http.client.HTTPConnection(url.hostname, url.port)
    for user, password in part:
        s, d = call(c, "POST", "/api/fabric/resources/sip_endpoints", dict(extra, username=user, password=password))
        if s not in (201, 422):  # 422: already there from an earlier run
            errors.append((user, s, d[:200]))


threads = [threading.Thread(target=worker, args=(users[i::8],)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if errors:
    sys.exit(f"{len(errors)} endpoint(s) not created, first: {errors[0]}")
with open(out, "w") as f:
    f.write("SEQUENTIAL\n")
    for user, password in users:
        f.write(f"{user};{domain};{password}\n")
print(domain)
