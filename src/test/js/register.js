// Registers one account with JsSIP over WebSocket and reports the outcome on stdout.
//   node register.js <ws(s)://host:port> <sip:user@domain> <password>
// Exit 0 once registered (after un-registering cleanly is not awaited), 1 on failure or after 10 s.
'use strict';
const JsSIP = require('jssip');
const NodeWebSocket = require('ws');

// JsSIP expects the browser's WebSocket; give it ws's, trusting NODE_EXTRA_CA_CERTS for wss.
global.WebSocket = class extends NodeWebSocket {
  constructor(url, protocols) {
    super(url, protocols);
  }
};

const [url, uri, password] = process.argv.slice(2);
const ua = new JsSIP.UA({
  sockets: [new JsSIP.WebSocketInterface(url)],
  uri,
  password,
  register: true,
  register_expires: 600,
  connection_recovery_min_interval: 2,
});
const timer = setTimeout(() => {
  console.log('FAILED timeout');
  process.exit(1);
}, 10000);
ua.on('registered', (e) => {
  console.log('REGISTERED ' + e.response.status_code);
  clearTimeout(timer);
  setTimeout(() => process.exit(0), 100);
});
ua.on('registrationFailed', (e) => {
  console.log('FAILED ' + e.cause + (e.response ? ' ' + e.response.status_code : ''));
  clearTimeout(timer);
  process.exit(1);
});
ua.start();
