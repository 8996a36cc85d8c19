import { MissingCredentialsError } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { collectPages } from './collect-pages.js';
import { createFlatTagCodec } from './flat-tag-codec.js';
import { loadCredential } from './load-credential.js';
import { backoffMs, retryAfterMs } from './retry.js';

describe('flat tag codec', () => {
  const codec = createFlatTagCodec({ separator: ':', allowed: /[A-Za-z0-9_:-]/, maxLength: 255 });
  it('round-trips keys and values with characters the cloud forbids', () => {
    const tags = { env: 'prod', 'a.b': 'x y/z', 'has:colon': 'v:1', under_score: 'é' };
    const encoded = codec.encode(tags);
    for (const tag of encoded) expect(tag).toMatch(/^[A-Za-z0-9_:-]+$/);
    expect(codec.decode(encoded)).toEqual(tags);
  });
  it('reads tags written by others as they are, and escapes in any mix', () => {
    // A `_` not followed by two lowercase hex digits is no escape (a tag set in the console).
    expect(codec.decode(['team_a:x_y', 'odd_4A:_', 'tail:ab_c'])).toEqual({
      team_a: 'x_y',
      odd_4A: '_',
      tail: 'ab_c',
    });
    const tags = { 'ключ 🔑': 'a🙂b_c', 'x:y': '_2e' };
    expect(codec.decode(codec.encode(tags))).toEqual(tags);
  });
  it('keeps plain tags readable', () => {
    expect(codec.encodeOne('provision-name', 'web-1')).toBe('provision-name:web-1');
  });
  it('describes its storage so core can refuse a tag too long before any request', () => {
    const long = codec.encodeOne('k', 'v'.repeat(300));
    expect(long).toHaveLength(302);
    expect(codec.storage).toMatchObject({ kind: 'flat', maxLength: 255 });
    expect(codec.storage.kind === 'flat' && codec.storage.encode('a b', 'c')).toBe('a_20b:c');
    expect(codec.storage.kind === 'flat' && codec.storage.pattern?.test('a_20b:c')).toBe(true);
    expect(codec.storage.kind === 'flat' && codec.storage.pattern?.test('a b:c')).toBe(false);
  });
});

/** The error `call` throws (the test fails when it throws none). */
function thrownBy(call: () => unknown): MissingCredentialsError {
  try {
    call();
  } catch (caught) {
    return caught as MissingCredentialsError;
  }
  throw new Error('expected a throw');
}

describe('loadCredential', () => {
  const base = { provider: 'testcloud', option: 'token', envVars: ['A_TOKEN', 'B_TOKEN'] } as const;
  it('prefers the option, then the env vars in order', () => {
    expect(loadCredential({ ...base, value: 'opt', env: { A_TOKEN: 'a', B_TOKEN: 'b' } })).toBe('opt');
    expect(loadCredential({ ...base, value: undefined, env: { B_TOKEN: 'b' } })).toBe('b');
  });
  it('names the option and every env var when nothing is set', () => {
    const error = thrownBy(() => loadCredential({ ...base, value: undefined, env: {} }));
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect(error.message).toContain('"token"');
    expect(error.message).toContain('A_TOKEN or B_TOKEN');
  });
  it('reports a malformed value without echoing it', () => {
    const call = () =>
      loadCredential({
        ...base,
        value: 'bad value\n',
        env: {},
        validate: (value) => (/\s/.test(value) ? 'it contains white space' : undefined),
      });
    expect(call).toThrowError(/malformed: it contains white space/);
    expect(call).not.toThrowError(/bad value/);
  });
  it('reads the file last, only when the option and every variable are empty', () => {
    let reads = 0;
    const file = {
      source: '~/.testcloud.yaml',
      read: () => {
        reads++;
        return 'from-file';
      },
    };
    expect(loadCredential({ ...base, value: 'opt', env: {}, file })).toBe('opt');
    expect(loadCredential({ ...base, value: undefined, env: { B_TOKEN: 'b' }, file })).toBe('b');
    expect(reads).toBe(0);
    expect(loadCredential({ ...base, value: '', env: { A_TOKEN: '' }, file })).toBe('from-file');
    expect(reads).toBe(1);
  });
  it('names the file in its messages, a malformed value from it unechoed', () => {
    const validate = (value: string) => (/\s/.test(value) ? 'it contains white space' : undefined);
    const bad = { source: '~/.testcloud.yaml', read: () => 'file value\n' };
    const call = () => loadCredential({ ...base, value: undefined, env: {}, file: bad, validate });
    expect(call).toThrowError(/from ~\/\.testcloud\.yaml is malformed: it contains white space/);
    expect(call).not.toThrowError(/file value/);
    const empty = { source: '~/.testcloud.yaml', read: () => undefined };
    expect(() => loadCredential({ ...base, value: undefined, env: {}, file: empty })).toThrowError(
      /set A_TOKEN or B_TOKEN \(or write it in ~\/\.testcloud\.yaml\)/,
    );
  });
  it('names what it reads and where to find it, for a setting read like a credential', () => {
    const project = { ...base, option: 'projectId', what: 'project id', hint: 'See Project Settings.' };
    const missing = thrownBy(() => loadCredential({ ...project, value: undefined, env: {} }));
    expect(missing.message).toMatch(/^No testcloud project id: pass the "projectId" option/);
    expect(missing.hint).toBe('See Project Settings.');
    const validate = (value: string) => (/^\d+$/.test(value) ? undefined : 'it is not a number');
    expect(() => loadCredential({ ...project, value: 'abc', env: {}, validate })).toThrowError(
      /testcloud project id from the "projectId" option is malformed: it is not a number/,
    );
  });
});

describe('collectPages', () => {
  it('follows cursors to the end', async () => {
    const pages: Record<number, { items: number[]; next: number | undefined }> = {
      1: { items: [1, 2], next: 2 },
      2: { items: [3], next: undefined },
    };
    expect(
      await collectPages(1, async (page) => pages[page] as { items: number[]; next: number | undefined }),
    ).toEqual([1, 2, 3]);
  });
  it('gives up on a listing that never ends', async () => {
    await expect(
      collectPages(1, async (page) => ({ items: [page], next: page + 1 }), { maxPages: 5 }),
    ).rejects.toThrow(/5 pages/);
  });
});

describe('retry timing', () => {
  it('parses Retry-After seconds and HTTP dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sun, 22 Nov 2026 10:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(0, { baseDelayMs: 100 }, () => 0.999)).toBe(99);
    expect(backoffMs(3, { baseDelayMs: 100 }, () => 0.999)).toBe(799);
    expect(backoffMs(20, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 1)).toBe(1000);
    expect(backoffMs(5, { baseDelayMs: 100 }, () => 0)).toBe(0);
  });
});
