import { InvalidRequestError } from '@provision/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createIdTemplate, type IdRecord } from './id-template.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FIREWALL = '0b6e5d38-1b1a-4a50-9d5e-1c1d8e2b9f00';

function refusal(decode: () => unknown): InvalidRequestError {
  try {
    decode();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('id templates', () => {
  it('GCE: projects/{project}/zones/{zone}/instances/{name}', () => {
    const gce = createIdTemplate({
      provider: 'gcp',
      template: 'projects/{project}/zones/{zone}/instances/{name}',
      parts: {
        project: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
        zone: /^[a-z]+-[a-z]+\d+-[a-z]$/,
        name: /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
      },
    });
    const id = 'projects/my-project-1/zones/us-central1-a/instances/web-1';
    const record = gce.decode(id, 'status');
    expectTypeOf(record).toEqualTypeOf<{
      readonly project: string;
      readonly zone: string;
      readonly name: string;
    }>();
    expect(record).toEqual({ project: 'my-project-1', zone: 'us-central1-a', name: 'web-1' });
    expect(gce.encode(record)).toBe(id);
    expect(gce.match('projects/my-project-1/regions/us-central1/instances/web-1')).toBeUndefined();
  });

  it('Azure: a resource id whose literal segments match in any case, encoded in the canonical case', () => {
    const azure = createIdTemplate({
      provider: 'azure',
      template:
        '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Compute/virtualMachines/{vm}',
      parts: {
        subscription: UUID,
        resourceGroup: /^[-\w.()]{0,89}[-\w()]$/,
        vm: /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/,
      },
      caseInsensitiveLiterals: true,
    });
    const subscription = '11111111-2222-4333-8444-555555555555';
    const mixed = `/SUBSCRIPTIONS/${subscription}/resourcegroups/Prov-RG_1/Providers/microsoft.compute/VirtualMachines/web-1`;
    const record = azure.decode(mixed, 'delete');
    expect(record).toEqual({ subscription, resourceGroup: 'Prov-RG_1', vm: 'web-1' });
    expect(azure.encode(record)).toBe(
      `/subscriptions/${subscription}/resourceGroups/Prov-RG_1/providers/Microsoft.Compute/virtualMachines/web-1`,
    );
    // The literal "." of Microsoft.Compute is a dot, not any character.
    expect(azure.match(mixed.replace('microsoft.compute', 'microsoftXcompute'))).toBeUndefined();
  });

  it('AWS: {region}/{instanceId}[/{securityGroupId}]', () => {
    const aws = createIdTemplate({
      provider: 'aws',
      template: '{region}/{instanceId}[/{securityGroupId}]',
      parts: {
        region: /^[a-z]{2}(-[a-z]+)+-\d$/,
        instanceId: /^i-([0-9a-f]{8}|[0-9a-f]{17})$/,
        securityGroupId: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/,
      },
    });
    expect(aws.decode('us-east-1/i-0123456789abcdef0', 'status')).toEqual({
      region: 'us-east-1',
      instanceId: 'i-0123456789abcdef0',
      securityGroupId: undefined,
    });
    expect(aws.decode('eu-west-3/i-01234567/sg-89abcdef', 'delete').securityGroupId).toBe('sg-89abcdef');
    expect(aws.encode({ region: 'us-east-1', instanceId: 'i-01234567' })).toBe('us-east-1/i-01234567');
    // Alternatives inside a part stay inside it: 9 hex digits is neither 8 nor 17.
    expect(aws.match('us-east-1/i-012345678')).toBeUndefined();
  });

  it('DigitalOcean: optional trailing groups told apart by their patterns', () => {
    const digitalocean = createIdTemplate({
      provider: 'digitalocean',
      template: '{dropletId}[/{firewallId}][/{actionId}]',
      parts: { dropletId: /^[1-9]\d{0,18}$/, firewallId: UUID, actionId: /^[1-9]\d{0,18}$/ },
    });
    type Record = IdRecord<'{dropletId}[/{firewallId}][/{actionId}]'>;
    expectTypeOf<Record>().toEqualTypeOf<{
      readonly dropletId: string;
      readonly firewallId?: string | undefined;
      readonly actionId?: string | undefined;
    }>();
    expect(digitalocean.decode('12', 'status')).toEqual({
      dropletId: '12',
      firewallId: undefined,
      actionId: undefined,
    });
    expect(digitalocean.decode(`12/${FIREWALL}`, 'status')).toMatchObject({ firewallId: FIREWALL });
    expect(digitalocean.decode('12/34', 'status')).toMatchObject({ firewallId: undefined, actionId: '34' });
    expect(digitalocean.decode(`12/${FIREWALL}/34`, 'status')).toMatchObject({
      firewallId: FIREWALL,
      actionId: '34',
    });
    expect(digitalocean.encode({ dropletId: '12', actionId: '34' })).toBe('12/34');
    expect(digitalocean.encode({ dropletId: '12', firewallId: FIREWALL, actionId: undefined })).toBe(
      `12/${FIREWALL}`,
    );
    expect(digitalocean.match(`12/34/${FIREWALL}`)).toBeUndefined();
  });

  it.each([
    '',
    'abc',
    '0',
    '12/',
    '/12',
    '12/not-a-uuid',
    `12/${FIREWALL}/extra`,
    '12/34/56',
    `12\n/${FIREWALL}`,
  ])('refuses the malformed id %j with InvalidRequestError naming the expected shape', (id) => {
    const digitalocean = createIdTemplate({
      provider: 'digitalocean',
      template: '{dropletId}[/{firewallId}][/{actionId}]',
      parts: { dropletId: /^[1-9]\d{0,18}$/, firewallId: UUID, actionId: /^[1-9]\d{0,18}$/ },
    });
    const error = refusal(() => digitalocean.decode(id, 'delete'));
    expect(error).toMatchObject({ code: 'invalid_request', field: 'id', provider: 'digitalocean' });
    expect(error.operation).toBe('delete');
    expect(error.message).toContain('expected {dropletId}[/{firewallId}][/{actionId}]');
  });

  it('never echoes more than 80 characters of a malformed id', () => {
    const template = createIdTemplate({ provider: 'x', template: '{id}', parts: { id: /^\d+$/ } });
    const error = refusal(() => template.decode(`SECRET-START${'z'.repeat(300)}SECRET-END`, 'status'));
    expect(error.message).toContain('SECRET-START');
    expect(error.message).not.toContain('SECRET-END');
    expect(error.message.length).toBeLessThan(160);
  });

  it('refuses to encode a part its own decode would refuse', () => {
    const aws = createIdTemplate({
      provider: 'aws',
      template: '{region}/{instanceId}',
      parts: { region: /^[a-z]{2}(-[a-z]+)+-\d$/, instanceId: /^i-[0-9a-f]{8}$/ },
    });
    expect(() => aws.encode({ region: 'us-east-1', instanceId: 'i-XYZ' })).toThrow(TypeError);
    expect(() => aws.encode({ region: 'us-east-1' } as never)).toThrow(/missing/);
  });

  it('refuses malformed templates when it is built', () => {
    const part = { a: /^\d$/, b: /^\d$/ };
    expect(() => createIdTemplate({ provider: 'x', template: '{a}[/[{b}]]', parts: part })).toThrow(/nest/);
    expect(() => createIdTemplate({ provider: 'x', template: '{a}/[{b}', parts: part })).toThrow(/without/);
    expect(() =>
      createIdTemplate({ provider: 'x', template: '{a}/{b}', parts: { a: /^\d$/i, b: /^\d$/ } }),
    ).toThrow(/flag/);
    expect(() =>
      createIdTemplate({ provider: 'x', template: '{a}/{b}', parts: { a: /^\d$/ } as never }),
    ).toThrow(/no pattern for \{b\}/);
  });
});
