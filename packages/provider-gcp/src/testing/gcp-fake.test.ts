import { describe, expect, it } from 'vitest';
import { serviceAccountAssertion } from '../gcp-token.js';
import { assertionProblem, GCP_FAKE_SERVICE_ACCOUNT, gcpFakeServiceAccountKey } from './gcp-fake-auth.js';
import { matchesFilter } from './gcp-fake-http.js';
import { openPorts } from './gcp-fake-inbound.js';
import type { GcpFakeFirewall } from './gcp-fake-records.js';

const rule = (fields: Partial<GcpFakeFirewall> & Pick<GcpFakeFirewall, 'name'>): GcpFakeFirewall => ({
  id: fields.name,
  numericId: '1',
  project: 'provision-fake',
  description: '',
  network: 'default',
  priority: 1000,
  direction: 'INGRESS',
  sourceRanges: ['0.0.0.0/0'],
  targetTags: ['web'],
  allowed: undefined,
  denied: undefined,
  creationTimestamp: '',
  ...fields,
});
const instance = { tags: ['web'], project: 'provision-fake' };

describe('the fake evaluates ingress rules as Compute Engine does', () => {
  it("the default network's rules open SSH and RDP to an instance that has no rules of its own", () => {
    expect(openPorts(instance, [])).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
      { from: 3389, to: 3389, protocol: 'tcp' },
    ]);
  });

  it('an allow rule alone adds its ports to the defaults; a deny-all below it leaves exactly its ports', () => {
    const allow = rule({ name: 'allow', allowed: [{ IPProtocol: 'tcp', ports: ['443', '8000-8080'] }] });
    expect(openPorts(instance, [allow]).map((entry) => `${entry.from}-${entry.to}`)).toEqual([
      '22-22',
      '443-443',
      '3389-3389',
      '8000-8080',
    ]);
    const deny = rule({ name: 'deny', priority: 1001, denied: [{ IPProtocol: 'all' }] });
    expect(openPorts(instance, [allow, deny])).toEqual([
      { from: 443, to: 443, protocol: 'tcp' },
      { from: 8000, to: 8080, protocol: 'tcp' },
    ]);
  });

  it('a deny of equal priority wins, and rules for other tags do not apply', () => {
    const allow = rule({ name: 'allow', allowed: [{ IPProtocol: 'udp' }] });
    const deny = rule({ name: 'deny', denied: [{ IPProtocol: 'udp', ports: ['53'] }] });
    const other = rule({ name: 'other', targetTags: ['db'], allowed: [{ IPProtocol: 'tcp' }] });
    expect(openPorts(instance, [allow, deny, other]).filter((entry) => entry.protocol === 'udp')).toEqual([
      { from: 1, to: 52, protocol: 'udp' },
      { from: 54, to: 65535, protocol: 'udp' },
    ]);
  });
});

describe('the fake reads list filters as the discovery document describes them', () => {
  const resource = {
    name: 'provision-abc',
    labels: { team: 'red' },
    targetLink: 'https://x/projects/p/zones/z/instances/web',
  };

  it('= and != compare literally; eq and ne match an RE2 pattern against the whole field; terms are ANDed', () => {
    expect(matchesFilter(resource, 'labels.team = "red"')).toBe(true);
    expect(matchesFilter(resource, '(labels.team = "red") (name != provision-abc)')).toBe(false);
    expect(matchesFilter(resource, 'name eq "provision-.*"')).toBe(true);
    expect(matchesFilter(resource, 'name eq provision')).toBe(false);
    expect(matchesFilter(resource, '(targetLink eq ".*/instances/web") (name ne "x.*")')).toBe(true);
    expect(matchesFilter(resource, null)).toBe(true);
  });

  it('another syntax is refused as the API refuses it', () => {
    expect(() => matchesFilter(resource, 'name ~ x')).toThrow();
    expect(() => matchesFilter(resource, '(name = a) junk')).toThrow();
  });
});

describe("the fake's token endpoint checks a service account's JWT", () => {
  const key = JSON.parse(gcpFakeServiceAccountKey('https://oauth2.example/token')) as { private_key: string };
  const source = {
    kind: 'service_account' as const,
    clientEmail: GCP_FAKE_SERVICE_ACCOUNT,
    privateKey: key.private_key,
    privateKeyId: undefined,
    tokenUri: 'https://oauth2.example/token',
    projectId: undefined,
  };
  const now = 1_800_000_000;

  it('accepts one signed by the key, for its audience, within its hour', () => {
    expect(
      assertionProblem(serviceAccountAssertion(source, now), 'https://oauth2.example/token', now + 10),
    ).toBeUndefined();
  });

  it('refuses another audience, an expired one, and a changed signature', () => {
    const assertion = serviceAccountAssertion(source, now);
    expect(assertionProblem(assertion, 'https://other.example/token', now)).toMatch(/audience/);
    expect(assertionProblem(assertion, 'https://oauth2.example/token', now + 7200)).toMatch(/short-lived/);
    const [header, claims] = assertion.split('.');
    expect(assertionProblem(`${header}.${claims}.AAAA`, 'https://oauth2.example/token', now)).toMatch(
      /Signature/,
    );
  });
});
