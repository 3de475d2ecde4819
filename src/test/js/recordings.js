// Lists, fetches and deletes recordings with SignalWire's official Compatibility API client and prints
// what it got as JSON.
//   node recordings.js <http://host:port> <project id> <api token> <call sid> <recording sid to delete>
// Exit 0 with one JSON line on stdout; 1 with "FAILED ..." on any error.
'use strict';
const { RestClient } = require('@signalwire/compatibility-api');

const [base, project, token, callSid, doomed] = process.argv.slice(2);
const client = RestClient(project, token, { signalwireSpaceUrl: new URL(base).host });
// The package always builds https://<space url>; the tests serve plain http (see calls.js).
client.api.baseUrl = base;

const brief = (r) => ({
  sid: r.sid, accountSid: r.accountSid, callSid: r.callSid, channels: r.channels, duration: r.duration,
  source: r.source, status: r.status, apiVersion: r.apiVersion, uri: r.uri,
  dateCreated: r.dateCreated && r.dateCreated.toISOString(), startTime: r.startTime && r.startTime.toISOString(),
});

const failure = async (promise) => {
  try {
    await promise;
    return { found: true };
  } catch (e) {
    return { status: e.status, code: e.code };
  }
};

(async () => {
  // list() walks every page through next_page_uri; pageSize 2 makes it take several
  const all = await client.recordings.list({ pageSize: 2 });
  const ofCall = await client.calls(callSid).recordings.list();
  const since = await client.recordings.list({ dateCreatedAfter: new Date(Date.now() - 86400000) });
  const before = await client.recordings.list({ dateCreatedBefore: new Date('2001-01-01T00:00:00Z') });
  const one = await client.recordings(all[0].sid).fetch();
  const oneOfCall = await client.calls(callSid).recordings(ofCall[0].sid).fetch();
  const removed = await client.recordings(doomed).remove();
  const afterRemove = await client.recordings.list();
  const missing = await failure(client.recordings(doomed).fetch());
  console.log(JSON.stringify({
    all: all.map((r) => r.sid),
    ofCall: ofCall.map((r) => r.sid),
    since: since.map((r) => r.sid),
    before: before.map((r) => r.sid),
    one: brief(one),
    oneOfCall: oneOfCall.sid,
    removed,
    afterRemove: afterRemove.map((r) => r.sid),
    missing,
  }));
})().catch((e) => {
  console.log('FAILED ' + (e.status || '') + ' ' + e.message);
  process.exit(1);
});
