import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  booleanTrue,
  explicit,
  implicitPrimitive,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.js';

/**
 * A certificate authority made on the spot for one emulator run, and the server certificate it
 * signs for 127.0.0.1, localhost and the clouds' `*.localhost` names. ECDSA P-256 with SHA-256,
 * X.509 v3 with the extensions OpenSSL, Node and Python's strict verification ask for (basic
 * constraints, key usage, extended key usage, subject alternative names, key identifiers).
 * The private keys never leave memory; only the CA certificate is written for clients to trust.
 */

/** PEM certificates and the server's private key. */
export interface LocalCertificates {
  /** The CA certificate clients trust (`NODE_EXTRA_CA_CERTS`, `AWS_CA_BUNDLE`). */
  readonly caCertificate: string;
  /** The server certificate, then the CA's, as a TLS server sends its chain. */
  readonly serverChain: string;
  /** The server's private key (PKCS #8). */
  readonly serverKey: string;
}

const ECDSA_WITH_SHA256 = sequence(objectIdentifier('1.2.840.10045.4.3.2'));
const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';

function name(commonName: string): Buffer {
  return sequence(
    set(sequence(objectIdentifier(ORGANIZATION), utf8String('provision emulator'))),
    set(sequence(objectIdentifier(COMMON_NAME), utf8String(commonName))),
  );
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [booleanTrue()] : []), octetString(value));
}

function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest();
}

function ipBytes(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

interface Issue {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signingKey: KeyObject;
  issuerKeyId: Buffer;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

function certificate(issue: Issue): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f;
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    ECDSA_WITH_SHA256,
    name(issue.issuer),
    sequence(time(issue.notBefore), time(issue.notAfter)),
    name(issue.subject),
    issue.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...issue.extensions)),
  );
  // Node signs EC keys as a DER ECDSA-Sig-Value, which is what X.509 carries.
  const signature = sign('sha256', tbs, issue.signingKey);
  return sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
}

/**
 * A new CA and a server certificate for `hostNames` (DNS names, wildcards allowed, and IPv4
 * addresses), valid from an hour ago for `days` days.
 */
export function createLocalCertificates(
  hostNames: readonly string[],
  days = 30,
  now = new Date(),
): LocalCertificates {
  const notBefore = new Date(now.getTime() - 3600_000);
  const notAfter = new Date(now.getTime() + days * 86_400_000);
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caKeyId = keyIdentifier(ca.publicKey);
  const caName = `provision emulator local CA ${now.toISOString().slice(0, 19)}Z`;
  const caDer = certificate({
    subject: caName,
    issuer: caName,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    issuerKeyId: caKeyId,
    notBefore,
    notAfter,
    extensions: [
      extension('2.5.29.19', true, sequence(booleanTrue())),
      // keyCertSign and cRLSign: bits 5 and 6.
      extension('2.5.29.15', true, bitString(Buffer.from([0x06]), 1)),
      extension('2.5.29.14', false, octetString(caKeyId)),
    ],
  });
  const server = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const alternativeNames = hostNames.map((host) =>
    isIP(host) === 4 ? implicitPrimitive(7, ipBytes(host)) : implicitPrimitive(2, Buffer.from(host, 'ascii')),
  );
  const serverDer = certificate({
    subject: hostNames[0] ?? 'localhost',
    issuer: caName,
    publicKey: server.publicKey,
    signingKey: ca.privateKey,
    issuerKeyId: caKeyId,
    notBefore,
    notAfter,
    extensions: [
      extension('2.5.29.19', true, sequence()),
      // digitalSignature: bit 0.
      extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)),
      extension('2.5.29.37', false, sequence(objectIdentifier('1.3.6.1.5.5.7.3.1'))),
      extension('2.5.29.17', false, sequence(...alternativeNames)),
      extension('2.5.29.14', false, octetString(keyIdentifier(server.publicKey))),
      extension('2.5.29.35', false, sequence(implicitPrimitive(0, caKeyId))),
    ],
  });
  const caCertificate = pem('CERTIFICATE', caDer);
  return {
    caCertificate,
    serverChain: `${pem('CERTIFICATE', serverDer)}${caCertificate}`,
    serverKey: server.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
