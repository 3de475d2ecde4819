// Lists and fetches calls with SignalWire's official Compatibility API client and prints what it got as JSON.
//   node calls.js <http://host:port> <project id> <api token> <To filter>
// Exit 0 with one JSON line on stdout; 1 with "FAILED ..." on any error.
'use strict';
const { RestClient } = require('@signalwire/compatibility-api');

const [base, project, token, to] = process.argv.slice(2);
const client = RestClient(project, token, { signalwireSpaceUrl: new URL(base).host });
// The package always builds https://<space url>; sipyard's tests serve plain http on 127.0.0.1, so
// the one property the package itself sets (api.baseUrl) is set again with the http scheme.
client.api.baseUrl = base;

const brief = (c) => ({
  sid: c.sid, accountSid: c.accountSid, from: c.from, to: c.to, status: c.status, direction: c.direction,
  startTime: c.startTime && c.startTime.toISOString(), endTime: c.endTime && c.endTime.toISOString(),
  duration: c.duration, parentCallSid: c.parentCallSid, apiVersion: c.apiVersion, uri: c.uri,
});

(async () => {
  // list() walks every page through next_page_uri; pageSize 2 makes it take several
  const all = await client.calls.list({ pageSize: 2 });
  const filtered = await client.calls.list({ to, pageSize: 1 });
  const first = await client.calls.page({ pageSize: 2 });
  const second = await first.nextPage();
  const one = await client.calls(all[0].sid).fetch();
  let missing;
  try {
    await client.calls('00000000-0000-7000-8000-000000000000').fetch();
    missing = { found: true };
  } catch (e) {
    missing = { status: e.status, code: e.code, message: e.message };
  }
  console.log(JSON.stringify({
    all: all.map((c) => c.sid),
    filtered: filtered.map((c) => c.sid),
    pages: [first.instances.map((c) => c.sid), second.instances.map((c) => c.sid)],
    one: brief(one),
    missing,
  }));
})().catch((e) => {
  console.log('FAILED ' + (e.status || '') + ' ' + e.message);
  process.exit(1);
});
