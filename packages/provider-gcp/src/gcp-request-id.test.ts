import { describe, expect, it } from 'vitest';
import { newRequestId } from './gcp-request-id.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newRequestId', () => {
  it('is a version 4 UUID, a new one each time', () => {
    const ids = Array.from({ length: 1000 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the version and variant digits whatever the random source gives', () => {
    expect(newRequestId(() => 0)).toBe('00000000-0000-4000-8000-000000000000');
    expect(newRequestId(() => 0.999_999)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
