import { Socket } from 'node:net';

// Refuses any TCP connection from this test process to an address other than 127.0.0.1, before
// any DNS lookup: fetch, node:http and cloud SDKs all connect through net.Socket.

function targetHost(args: unknown[]): string {
  // net.connect() hands Socket#connect its arguments already normalised, as one array.
  const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string') return '127.0.0.1'; // a Unix socket: local by nature
    return typeof options.host === 'string' ? options.host : 'localhost';
  }
  if (typeof first === 'number' || /^\d+$/.test(String(first))) {
    return typeof second === 'string' ? second : 'localhost';
  }
  return '127.0.0.1'; // a path: a Unix socket
}

const connect = Socket.prototype.connect;
Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
  const host = targetHost(args);
  if (host !== '127.0.0.1') {
    throw new Error(`A test tried to connect to ${host}; tests may only reach 127.0.0.1.`);
  }
  return (connect as (...inner: unknown[]) => Socket).apply(this, args);
} as typeof Socket.prototype.connect;
