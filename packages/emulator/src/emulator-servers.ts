import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import type { EmulatorTlsOptions } from './emulator-options.js';
import { createLocalCertificates, type LocalCertificates } from './local-certificate-authority.js';

const LOOPBACK = '127.0.0.1';

/** An HTTP server, or an HTTPS one with `certificates`. */
export function createEmulatorServer(
  listener: RequestListener,
  certificates: LocalCertificates | undefined,
): Server {
  const server =
    certificates === undefined
      ? createHttpServer(listener)
      : createHttpsServer({ cert: certificates.serverChain, key: certificates.serverKey }, listener);
  // A client that drops mid-request (or fails its TLS handshake) must not take the process down.
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('tlsClientError', (_error, socket) => socket.destroy());
  return server;
}

/** Listens on 127.0.0.1:`port`. @throws Error naming the port when it is taken. */
export function listen(server: Server, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${LOOPBACK} is in use; pick another port (0 picks a free one).`, {
              cause: error,
            })
          : error,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: LOOPBACK, exclusive: true });
  });
}

/** Stops listening and drops every connection; resolves when the port is free. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}

/** The emulator's TLS material for one run: certificates, the CA file, and how to undo both. */
export interface EmulatorTls {
  readonly certificates: LocalCertificates;
  readonly caFile: string;
  /** Environment variables that make child processes trust the CA. */
  readonly env: Readonly<Record<string, string>>;
  /** Removes what this run created (the temporary CA file) and restores this process's CA list. */
  dispose(): void;
}

/**
 * Makes a CA and a server certificate for `hostNames`, writes the CA certificate for clients and,
 * when asked, adds it to this process's default CA list.
 */
export function setUpTls(options: EmulatorTlsOptions, hostNames: readonly string[]): EmulatorTls {
  const certificates = createLocalCertificates(hostNames);
  const temporary =
    options.caFile === undefined ? mkdtempSync(join(tmpdir(), 'provision-emulator-ca-')) : undefined;
  const caFile = options.caFile ?? join(temporary as string, 'ca.pem');
  if (temporary === undefined) mkdirSync(dirname(caFile), { recursive: true });
  writeFileSync(caFile, certificates.caCertificate, { mode: 0o644 });
  let restore: string[] | undefined;
  if (options.trustInProcess === true) {
    restore = getCACertificates('default');
    setDefaultCACertificates([...restore, certificates.caCertificate]);
  }
  return {
    certificates,
    caFile,
    // Node reads NODE_EXTRA_CA_CERTS at start-up; the AWS CLI, boto3 and the AWS SDK for JavaScript read AWS_CA_BUNDLE.
    env: { NODE_EXTRA_CA_CERTS: caFile, AWS_CA_BUNDLE: caFile },
    dispose() {
      if (restore !== undefined) setDefaultCACertificates(restore);
      restore = undefined;
      if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
    },
  };
}
