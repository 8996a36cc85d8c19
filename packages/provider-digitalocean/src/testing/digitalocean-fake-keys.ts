import { createHash } from 'node:crypto';
import type { RouteContext } from '@provision/testkit/fake-cloud';
import { ERROR_ID, ERROR_MESSAGE, jsonResponse, noContent, paginate } from './digitalocean-fake-http.js';
import type { DigitalOceanFakeContext, DigitalOceanFakeSshKey } from './digitalocean-fake-records.js';

/**
 * `/v2/account/keys` (`sshKeys_list`, `sshKeys_create`) and `/v2/account/keys/{ssh_key_identifier}`
 * (`sshKeys_get`, `sshKeys_update`, `sshKeys_delete`), from `resources/ssh_keys/` of DigitalOcean's
 * OpenAPI description. A key is named by its id or its fingerprint (the MD5 of the key's decoded
 * blob, colon-separated hex, as `ssh-keygen -E md5 -l` prints it).
 */

// The key types DigitalOcean's control panel and API accept.
const KEY_TYPES = new Set([
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
]);

const MESSAGE = {
  // The description gives no wording for these 422s; the first is what the live API is publicly
  // recorded to send for a key already on the account.
  duplicate: 'SSH Key is already in use on your account',
  invalidKey: 'Key invalid, key should be of the format `type key [comment]`',
  name: 'Name is required',
} as const;

/** `ssh-rsa AAAA... comment` -> its MD5 fingerprint, or undefined when it is not an OpenSSH public key. */
export function fingerprintOf(publicKey: string): string | undefined {
  const [type, blob] = publicKey.trim().split(/\s+/);
  if (type === undefined || blob === undefined || !KEY_TYPES.has(type)) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return undefined;
  const digest = createHash('md5').update(Buffer.from(blob, 'base64')).digest('hex');
  return (digest.match(/../g) as string[]).join(':');
}

function keyObject(key: DigitalOceanFakeSshKey) {
  return { id: Number(key.id), fingerprint: key.fingerprint, public_key: key.publicKey, name: key.name };
}

function find(context: DigitalOceanFakeContext, identifier: string): DigitalOceanFakeSshKey {
  const key = /^\d+$/.test(identifier)
    ? context.sshKeys.get(identifier)
    : context.sshKeys.values().find((candidate) => candidate.fingerprint === identifier);
  if (key === undefined) context.fail(404, ERROR_ID.notFound, ERROR_MESSAGE.notFound);
  return key;
}

/** GET /v2/account/keys: `{ ssh_keys, links, meta }`, paginated. */
export function listKeys(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const page = paginate(context.sshKeys.values(), route.url);
  return jsonResponse({ ssh_keys: page.items.map(keyObject), links: page.links, meta: page.meta });
}

/** POST /v2/account/keys: 201 `{ ssh_key }`; 422 for a missing name, a malformed or duplicate key. */
export async function createKey(context: DigitalOceanFakeContext, route: RouteContext): Promise<Response> {
  const body = await route.json<{ name?: unknown; public_key?: unknown }>();
  if (typeof body?.name !== 'string' || body.name.trim() === '')
    context.fail(422, ERROR_ID.unprocessable, MESSAGE.name);
  const publicKey = typeof body.public_key === 'string' ? body.public_key.trim() : '';
  const fingerprint = fingerprintOf(publicKey);
  if (fingerprint === undefined) context.fail(422, ERROR_ID.unprocessable, MESSAGE.invalidKey);
  if (context.sshKeys.values().some((key) => key.fingerprint === fingerprint))
    context.fail(422, ERROR_ID.unprocessable, MESSAGE.duplicate);
  const key = context.sshKeys.set({
    id: String(512_000 + context.sshKeys.created + 1),
    name: body.name,
    publicKey,
    fingerprint,
  });
  return jsonResponse({ ssh_key: keyObject(key) }, 201);
}

/** GET /v2/account/keys/{ssh_key_identifier}: `{ ssh_key }` by id or fingerprint. */
export function getKey(context: DigitalOceanFakeContext, route: RouteContext): Response {
  return jsonResponse({ ssh_key: keyObject(find(context, route.params.ssh_key_identifier as string)) });
}

/** PUT /v2/account/keys/{ssh_key_identifier}: renames the key. */
export async function updateKey(context: DigitalOceanFakeContext, route: RouteContext): Promise<Response> {
  const key = find(context, route.params.ssh_key_identifier as string);
  const body = await route.json<{ name?: unknown }>();
  if (body?.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.trim() === '')
      context.fail(422, ERROR_ID.unprocessable, MESSAGE.name);
    key.name = body.name;
  }
  return jsonResponse({ ssh_key: keyObject(key) });
}

/** DELETE /v2/account/keys/{ssh_key_identifier}: 204. */
export function deleteKey(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const key = find(context, route.params.ssh_key_identifier as string);
  context.sshKeys.delete(key.id);
  return noContent(false);
}
