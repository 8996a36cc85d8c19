import { describe, expect, it } from 'vitest';
import { selfDelimited } from './self-delimited.js';

describe('selfDelimited', () => {
  it('frames an answer of unknown length as chunked, body untouched', async () => {
    const answer = selfDelimited(new Response('{"servers":[]}', { status: 200 }));
    expect(answer.headers.get('transfer-encoding')).toBe('chunked');
    expect(await answer.text()).toBe('{"servers":[]}');
  });

  it('leaves an answer with a length, or without a body, as it is', () => {
    const sized = selfDelimited(new Response('{}', { headers: { 'content-length': '2' } }));
    expect(sized.headers.has('transfer-encoding')).toBe(false);
    expect(selfDelimited(new Response(null, { status: 204 })).headers.has('transfer-encoding')).toBe(false);
  });

  it('frames one whose headers cannot change with a copy of them', () => {
    const answer = selfDelimited(Response.redirect('http://127.0.0.1:65535/next', 302));
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('http://127.0.0.1:65535/next');
  });
});
