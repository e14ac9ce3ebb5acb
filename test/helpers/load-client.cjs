// A load client in its own process: sharing the event loop with the server under test would
// serialise client and server and hide how the server behaves under real concurrency.
// Usage: node load-client.cjs <url> <count> <concurrency> <bodyBytes>; prints the request ids as JSON.
const http = require('node:http');

const [url, count, concurrency, bodyBytes] = [process.argv[2], +process.argv[3], +process.argv[4], +process.argv[5]];
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const ids = [];
let started = 0;
let done = 0;

function next() {
  if (started >= count) return;
  const i = started++;
  const body = JSON.stringify({ i, pad: 'x'.repeat(Math.max(0, bodyBytes - 30)) });
  const req = http.request(`${url}/load/${i}`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => {
      if (res.statusCode !== 200) {
        process.stderr.write(`request ${i} got ${res.statusCode}\n`);
        process.exit(1);
      }
      ids[i] = Number(res.headers['x-hookbench-request-id']);
      if (++done === count) {
        process.stdout.write(JSON.stringify(ids));
        process.exit(0);
      }
      next();
    });
  });
  req.on('error', (e) => {
    process.stderr.write(`request ${i}: ${e.message}\n`);
    process.exit(1);
  });
  req.end(body);
}

for (let k = 0; k < concurrency; k++) next();
