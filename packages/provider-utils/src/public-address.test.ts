import { describe, expect, it } from 'vitest';
import { firstPublicIpv4 } from './public-address.js';

describe('firstPublicIpv4', () => {
  it('passes over empty, private, shared, IPv6 and malformed addresses to the first public IPv4', () => {
    const candidates = [
      undefined,
      null,
      '',
      '10.0.0.5',
      '100.64.1.1',
      '2001:db8::1',
      '147.75.1',
      '147.75.1.20',
    ];
    expect(firstPublicIpv4([...candidates, '203.0.114.9'])).toBe('147.75.1.20');
  });

  it('is undefined when no candidate is a public IPv4', () => {
    expect(firstPublicIpv4(['192.168.1.1', '127.0.0.1', '169.254.0.1'])).toBeUndefined();
    expect(firstPublicIpv4([])).toBeUndefined();
  });
});
