import { describe, expect, it } from 'vitest';
import { nonPublicRange } from './non-public-ipv4.js';

describe('nonPublicRange', () => {
  it.each([
    ['0.0.0.0', '"this network" (0.0.0.0/8)'],
    ['10.0.0.1', 'a private address (10.0.0.0/8)'],
    ['100.64.0.0', 'a carrier-grade NAT address (100.64.0.0/10)'],
    ['100.127.255.255', 'a carrier-grade NAT address (100.64.0.0/10)'],
    ['127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['169.254.169.254', 'a link-local address (169.254.0.0/16)'],
    ['172.16.0.0', 'a private address (172.16.0.0/12)'],
    ['172.31.255.255', 'a private address (172.16.0.0/12)'],
    ['192.0.0.255', 'an IETF protocol address (192.0.0.0/24)'],
    ['192.168.1.1', 'a private address (192.168.0.0/16)'],
    ['198.18.0.0', 'a benchmarking address (198.18.0.0/15)'],
    ['198.19.255.255', 'a benchmarking address (198.18.0.0/15)'],
    ['224.0.0.1', 'a multicast address (224.0.0.0/4)'],
    ['255.255.255.255', 'a reserved address (240.0.0.0/4)'],
  ])('%s is %s', (ip, what) => {
    expect(nonPublicRange(ip)).toBe(what);
  });

  it.each([
    '1.1.1.1',
    '9.255.255.255',
    '11.0.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.0.1.0',
    '192.167.255.255',
    '198.17.255.255',
    '198.20.0.0',
    '203.0.113.7',
    '223.255.255.255',
  ])('%s is public', (ip) => {
    expect(nonPublicRange(ip)).toBeUndefined();
  });

  it('reads a part with other characters as Number() does', () => {
    expect(nonPublicRange(' 10.0.0.1')).toBe('a private address (10.0.0.0/8)');
    expect(nonPublicRange('2001:db8::1')).toBeUndefined();
    expect(nonPublicRange('10.x.0.1')).toBeUndefined();
  });
});
