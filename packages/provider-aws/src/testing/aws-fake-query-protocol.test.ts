import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './aws-fake.js';
import { ec2Request, presignedUrl, sigV2Url, sigV4Headers } from './aws-fake-test-helpers.js';
import { child, readXml, type XmlElement } from './aws-xml-reader.js';

// What clients we did not write send and expect: GET and POST Query requests, SigV4 in the header
// or the query string, SigV2, the default VPC group, `SecurityGroup.N` names, `<return>` members,
// and the instance fields real EC2 fills in.
const server = setupFakeServer();
let fake: AwsEc2Fake;

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

function at(element: XmlElement | undefined, path: string): string | undefined {
  let current = element;
  for (const name of path.split('/')) current = current === undefined ? undefined : child(current, name);
  return current?.text;
}

const urlOf = (query: Record<string, string>) => new URL(`${fake.baseUrl}/?${new URLSearchParams(query)}`);

async function fetchXml(url: URL, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, root: readXml(await response.text()) };
}

/** A GET signed with SigV4 in the header for us-west-2. */
function get(query: Record<string, string>) {
  const url = urlOf(query);
  return fetchXml(url, sigV4Headers('GET', url, {}, '', { region: 'us-west-2' }));
}

describe('Query requests', () => {
  it('takes GET with the parameters in the query string, signed in the header', async () => {
    const { status, root } = await get({ Action: 'DescribeAvailabilityZones', Version: '2016-11-15' });
    expect(status).toBe(200);
    expect(root.name).toBe('DescribeAvailabilityZonesResponse');
    expect(at(root, 'availabilityZoneInfo/item/zoneName')).toBe('us-west-2a');
    expect(at(root, 'availabilityZoneInfo/item/zoneId')).toBe('usw2-az1');
    expect(fake.count('DescribeAvailabilityZones')).toBe(1);
  });

  it('takes SigV4 in the query string (a presigned URL)', async () => {
    const { status, root } = await fetchXml(
      presignedUrl(urlOf({ Action: 'DescribeRegions', Version: '2016-11-15' }), { region: 'us-west-2' }),
    );
    expect(status).toBe(200);
    expect(root.name).toBe('DescribeRegionsResponse');
  });

  it('takes SigV2 for its key in the fake region, and keeps the signing parameters from the action', async () => {
    const run = {
      Action: 'RunInstances',
      Version: '2016-11-15',
      ClientToken: 'sigv2-1',
      ImageId: 'ami-0a1b2c3d4e5f60002',
      InstanceType: 't3.micro',
      MinCount: '1',
      MaxCount: '1',
    };
    const base = new URL(`${fake.baseUrl}/`);
    const first = await fetchXml(sigV2Url(base, run));
    expect(first.status).toBe(200);
    expect(at(first.root, 'instancesSet/item/placement/availabilityZone')).toBe('us-east-1a');
    // A retry signs again with another timestamp: still the same request for the client token.
    const retry = await fetchXml(
      sigV2Url(base, { ...run, Timestamp: '2026-12-01T12:00:05Z' }, { method: 'HmacSHA1' }),
    );
    expect(retry.status).toBe(200);
    expect(fake.createdCount('instance')).toBe(1);
  });

  it('refuses SigV2 for another key, a malformed one, and no signature at all (401 AuthFailure)', async () => {
    const base = { Action: 'DescribeRegions', Version: '2016-11-15' };
    for (const query of [
      {
        ...base,
        AWSAccessKeyId: 'AKIAI44QH8DHBEXAMPLE',
        SignatureVersion: '2',
        SignatureMethod: 'HmacSHA256',
        Timestamp: 't',
        Signature: 'eA==',
      },
      {
        ...base,
        AWSAccessKeyId: AWS_FAKE_CREDENTIALS.accessKeyId,
        SignatureVersion: '1',
        SignatureMethod: 'HmacSHA256',
        Timestamp: 't',
        Signature: 'eA==',
      },
      base,
    ]) {
      const { status, root } = await fetchXml(urlOf(query));
      expect(status).toBe(401);
      expect(at(root, 'Errors/Error/Code')).toBe('AuthFailure');
    }
  });

  it('answers an unknown action by GET with InvalidAction, as by POST', async () => {
    const { status, root } = await get({ Action: 'CreateVpc', Version: '2016-11-15' });
    expect(status).toBe(400);
    expect(at(root, 'Errors/Error/Code')).toBe('InvalidAction');
  });
});

async function call(action: string, params: Record<string, string | number | boolean> = {}) {
  const response = await ec2Request(fake.baseUrl, action, params);
  return { status: response.status, root: readXml(await response.text()) };
}

describe('security groups as a generic client sees them', () => {
  it('lists the default VPC group, which cannot be deleted and is never a leftover', async () => {
    const { root } = await call('DescribeSecurityGroups');
    expect(at(root, 'securityGroupInfo/item/groupName')).toBe('default');
    expect(at(root, 'securityGroupInfo/item/groupDescription')).toBe('default VPC security group');
    const id = at(root, 'securityGroupInfo/item/groupId') as string;
    expect(at(root, 'securityGroupInfo/item/ipPermissions/item/groups/item/groupId')).toBe(id);
    const deleted = await call('DeleteSecurityGroup', { GroupId: id });
    expect(at(deleted.root, 'Errors/Error/Code')).toBe('CannotDelete');
    expect(fake.leftovers()).toEqual([]);
  });

  it('RunInstances honours SecurityGroup.N names and SecurityGroupId.N, and refuses an unknown name', async () => {
    const created = await call('CreateSecurityGroup', { GroupName: 'web', GroupDescription: 'web' });
    expect(at(created.root, 'return')).toBe('true');
    const webId = at(created.root, 'groupId') as string;
    const launch = { ImageId: 'ami-0a1b2c3d4e5f60002', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 };
    const byName = await call('RunInstances', {
      ...launch,
      'SecurityGroup.1': 'web',
      'SecurityGroup.2': 'default',
    });
    expect(byName.status).toBe(200);
    const groups = (
      child(
        child(child(byName.root, 'instancesSet') as XmlElement, 'item') as XmlElement,
        'groupSet',
      ) as XmlElement
    ).children;
    expect(groups.map((group) => at(group, 'groupName'))).toEqual(['web', 'default']);
    const byId = await call('RunInstances', { ...launch, 'SecurityGroupId.1': webId });
    expect(at(byId.root, 'instancesSet/item/groupSet/item/groupId')).toBe(webId);
    const unknown = await call('RunInstances', { ...launch, 'SecurityGroup.1': 'nope' });
    expect(unknown.status).toBe(400);
    expect(at(unknown.root, 'Errors/Error/Code')).toBe('InvalidGroup.NotFound');
    expect(fake.createdCount('instance')).toBe(2);
  });
});

describe('instances as real EC2 describes them', () => {
  it('carries the block device, the interface attachment, MAC, private addresses, VPC and subnet; reboot says return', async () => {
    const run = await call('RunInstances', {
      ImageId: 'ami-0a1b2c3d4e5f60002',
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      'Placement.AvailabilityZone': 'us-east-1c',
    });
    const id = at(run.root, 'instancesSet/item/instanceId') as string;
    const { root } = await call('DescribeInstances', { 'InstanceId.1': id });
    const instance = child(
      child(
        child(child(root, 'reservationSet') as XmlElement, 'item') as XmlElement,
        'instancesSet',
      ) as XmlElement,
      'item',
    );
    expect(at(instance, 'placement/availabilityZone')).toBe('us-east-1c');
    expect(at(instance, 'blockDeviceMapping/item/deviceName')).toBe('/dev/sda1');
    expect(at(instance, 'blockDeviceMapping/item/ebs/volumeId')).toMatch(/^vol-0[0-9a-f]{16}$/);
    expect(at(instance, 'vpcId')).toMatch(/^vpc-/);
    expect(at(instance, 'subnetId')).toMatch(/^subnet-/);
    const eni = 'networkInterfaceSet/item';
    expect(at(instance, `${eni}/macAddress`)).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    expect(at(instance, `${eni}/attachment/deviceIndex`)).toBe('0');
    expect(at(instance, `${eni}/attachment/status`)).toBe('attached');
    expect(at(instance, `${eni}/privateIpAddressesSet/item/primary`)).toBe('true');
    expect(at(instance, `${eni}/privateIpAddressesSet/item/privateIpAddress`)).toBe(
      at(instance, 'privateIpAddress'),
    );
    expect(at(instance, `${eni}/vpcId`)).toBe(at(instance, 'vpcId'));
    const reboot = await call('RebootInstances', { 'InstanceId.1': id });
    expect(at(reboot.root, 'return')).toBe('true');
  });

  it('describes images with their description and block device mappings', async () => {
    const { root } = await call('DescribeImages', { 'ImageId.1': 'ami-0a1b2c3d4e5f60005' });
    expect(at(root, 'imagesSet/item/description')).toBe('Canonical, Ubuntu, 24.04, amd64 noble image');
    expect(at(root, 'imagesSet/item/blockDeviceMapping/item/ebs/volumeType')).toBe('gp3');
  });

  it('CreateTags tags one instance of a launch without touching its siblings, and DescribeTags lists it', async () => {
    const run = await call('RunInstances', {
      ImageId: 'ami-0a1b2c3d4e5f60002',
      InstanceType: 't3.micro',
      MinCount: 2,
      MaxCount: 2,
    });
    const ids = (child(run.root, 'instancesSet') as XmlElement).children.map(
      (item) => at(item, 'instanceId') as string,
    );
    const tagged = await call('CreateTags', {
      'ResourceId.1': ids[0] as string,
      'Tag.1.Key': 'Name',
      'Tag.1.Value': 'first',
    });
    expect(at(tagged.root, 'return')).toBe('true');
    const { root } = await call('DescribeTags', {
      'Filter.1.Name': 'resource-type',
      'Filter.1.Value.1': 'instance',
    });
    expect(
      (child(root, 'tagSet') as XmlElement).children.map((item) => [
        at(item, 'resourceId'),
        at(item, 'key'),
        at(item, 'value'),
      ]),
    ).toEqual([[ids[0], 'Name', 'first']]);
  });
});
