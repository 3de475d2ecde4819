// Checks webhook requests sipyard sent with the official validator of @signalwire/compatibility-api.
//   node validate.js <file.json>   where the file is {"key": "...", "requests": [{"url", "signature", "params"}]}
// Prints one JSON line {"valid": n, "invalid": [...]}; exit 0 when every request is valid, else 1.
'use strict';
const fs = require('fs');
const { RestClient } = require('@signalwire/compatibility-api');

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let valid = 0;
const invalid = [];
for (const r of input.requests) {
  if (RestClient.validateRequest(input.key, r.signature, r.url, r.params)) {
    valid++;
  } else {
    invalid.push(r.url);
  }
}
process.stdout.write(JSON.stringify({ valid, invalid }) + '\n');
process.exit(invalid.length === 0 && valid > 0 ? 0 : 1);
