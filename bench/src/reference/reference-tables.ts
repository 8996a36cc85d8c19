/**
 * The reference: requests per operation of the Go library inlets/cloud-provision, one row per
 * request with the function that sends it, so every figure can be checked against the code
 * rather than taken on trust. A figure is the number of rows (see reference-figures.ts).
 */
import type { ReferenceProvider } from './reference-types.ts';

/** The library and the commit its code was read at. */
export const REFERENCE_LIBRARY = {
  name: 'inlets/cloud-provision',
  url: 'https://github.com/inlets/cloud-provision',
  commit: '5786ca1ecb17bb6f8ad4f598b80da9a8fb515a19',
  commitDate: '2026-04-08',
  readOn: '2026-12-01',
} as const;

// EC2: Provision always creates a security group and authorizes the control port (8123) before
// any port of the caller's; Delete waits for termination in the SDK's waiter before it can delete
// the group. Without extra ports and without `pro`, provision sends these five.
const aws: ReferenceProvider = {
  file: 'provision/ec2.go',
  provision: {
    requests: [
      { request: 'DescribeImages', source: 'ec2.go EC2Provisioner.Provision -> lookupAMI' },
      {
        request: 'CreateSecurityGroup',
        source: 'ec2.go EC2Provisioner.Provision -> createEC2SecurityGroup',
      },
      {
        request: 'AuthorizeSecurityGroupIngress',
        source:
          'ec2.go createEC2SecurityGroup -> createEC2SecurityGroupRule, for controlPort 8123 (always, before any extra port)',
      },
      { request: 'RunInstances', source: 'ec2.go EC2Provisioner.Provision' },
      { request: 'CreateTags', source: 'ec2.go EC2Provisioner.Provision (Name and inlets tags)' },
    ],
    perPort: {
      request: 'AuthorizeSecurityGroupIngress',
      source:
        'ec2.go createEC2SecurityGroup -> createEC2SecurityGroupRule, once per port in Additional["ports"]',
    },
    note: 'without `pro`; with `pro` and no extra ports, one more ingress call opens 1024-65535',
  },
  status: {
    requests: [
      { request: 'DescribeInstanceStatus', source: 'ec2.go EC2Provisioner.Status' },
      { request: 'DescribeInstances', source: 'ec2.go EC2Provisioner.Status (public IP)' },
    ],
  },
  delete: {
    requests: [
      { request: 'DescribeInstances', source: 'ec2.go EC2Provisioner.Delete (the instance’s groups)' },
      { request: 'TerminateInstances', source: 'ec2.go EC2Provisioner.Delete' },
      {
        request: 'DescribeInstances',
        source: 'ec2.go EC2Provisioner.Delete -> WaitUntilInstanceTerminated (aws-sdk-go v1 waiter)',
        repeats: 'the waiter polls every 15 s, up to 40 times, until the instance is terminated',
      },
      {
        request: 'DeleteSecurityGroup',
        source: 'ec2.go EC2Provisioner.Delete, once per group of the instance',
        repeats: 'one per security group; provision made one',
      },
    ],
    note: 'blocks in the waiter; at least 4',
  },
  list: {
    page: {
      request: 'DescribeInstances',
      source:
        'ec2.go EC2Provisioner.List, no MaxResults, so EC2 answers every match in one response (EC2 API reference, Pagination: not read from the SDK)',
      repeats: 'again while EC2 returns a NextToken',
    },
    pageSize: 'all',
    note: 'no MaxResults: one unpaginated request',
  },
};

const digitalocean: ReferenceProvider = {
  file: 'provision/digitalocean.go',
  provision: {
    requests: [
      {
        request: 'POST /v2/droplets',
        source: 'digitalocean.go DigitalOceanProvisioner.Provision -> godo Droplets.Create',
      },
    ],
    note: 'opens no ports',
  },
  status: {
    requests: [
      {
        request: 'GET /v2/droplets/{id}',
        source: 'digitalocean.go DigitalOceanProvisioner.Status -> godo Droplets.Get',
      },
    ],
  },
  delete: {
    requests: [
      {
        request: 'DELETE /v2/droplets/{id}',
        source: 'digitalocean.go DigitalOceanProvisioner.Delete -> godo Droplets.Delete',
      },
    ],
    note: 'never confirms the droplet is gone',
  },
  list: {
    page: {
      request: 'GET /v2/droplets?tag_name=inlets',
      source:
        'digitalocean.go DigitalOceanProvisioner.List -> godo Droplets.ListByTag with an empty ListOptions, page after page until Links.IsLastPage',
    },
    pageSize: 20,
    note: 'pages of 20, the API default',
  },
};

const gcp: ReferenceProvider = {
  file: 'provision/gce.go',
  provision: {
    requests: [
      { request: 'GET firewalls/{name}', source: 'gce.go createInletsFirewallRule -> gceFirewallExists' },
      {
        request: 'POST firewalls (or PUT firewalls/{name} when it exists)',
        source: 'gce.go createInletsFirewallRule',
      },
      { request: 'POST regions/{region}/addresses', source: 'gce.go GCEProvisioner.Provision' },
      {
        request: 'GET regions/{region}/addresses/{name}',
        source: 'gce.go GCEProvisioner.Provision',
        repeats: 'polled every 100 ms, up to 20 times, until the address is set',
      },
      { request: 'POST zones/{zone}/instances', source: 'gce.go GCEProvisioner.Provision' },
    ],
    note: 'at least 5',
  },
  status: {
    requests: [{ request: 'GET zones/{zone}/instances/{name}', source: 'gce.go GCEProvisioner.Status' }],
  },
  delete: {
    requests: [
      { request: 'GET regions/{region}/addresses/{name}', source: 'gce.go GCEProvisioner.Delete' },
      { request: 'DELETE regions/{region}/addresses/{name}', source: 'gce.go GCEProvisioner.Delete' },
      { request: 'DELETE zones/{zone}/instances/{name}', source: 'gce.go GCEProvisioner.Delete' },
    ],
  },
};

const azure: ReferenceProvider = {
  file: 'provision/azure.go',
  provision: {
    requests: [
      {
        request: 'PUT resourcegroups/{group}',
        source: 'azure.go AzureProvisioner.Provision -> createGroup (ResourceGroupsClient.CreateOrUpdate)',
      },
      {
        request: 'PUT resourcegroups/{group}/providers/Microsoft.Resources/deployments/{name}',
        source:
          'azure.go AzureProvisioner.Provision -> createDeployment (DeploymentsClient.BeginCreateOrUpdate, poller not awaited)',
      },
    ],
  },
  status: {
    requests: [
      {
        request: 'GET resourcegroups/{group}/providers/Microsoft.Resources/deployments/{name}',
        source: 'azure.go AzureProvisioner.Status (DeploymentsClient.Get)',
      },
    ],
  },
  delete: {
    requests: [
      {
        request: 'DELETE resourcegroups/{group}',
        source: 'azure.go AzureProvisioner.Delete (ResourceGroupsClient.BeginDelete, poller not awaited)',
      },
    ],
  },
};

const scaleway: ReferenceProvider = {
  file: 'provision/scaleway.go',
  provision: {
    requests: [
      { request: 'POST /servers', source: 'scaleway.go ScalewayProvisioner.Provision -> CreateServer' },
      {
        request: 'PATCH /servers/{id}/user_data/cloud-init',
        source: 'scaleway.go ScalewayProvisioner.Provision -> SetServerUserData',
      },
      {
        request: 'POST /servers/{id}/action (poweron)',
        source: 'scaleway.go ScalewayProvisioner.Provision -> ServerAction',
      },
    ],
  },
  status: {
    requests: [
      { request: 'GET /servers/{id}', source: 'scaleway.go ScalewayProvisioner.Status -> GetServer' },
    ],
  },
  delete: {
    requests: [
      { request: 'GET /servers/{id}', source: 'scaleway.go ScalewayProvisioner.Delete -> GetServer' },
      {
        request: 'POST /servers/{id}/action (poweroff)',
        source: 'scaleway.go ScalewayProvisioner.Delete -> ServerActionAndWait',
      },
      {
        request: 'GET /servers/{id}',
        source:
          'scaleway.go ServerActionAndWait -> the SDK’s wait for the server (scaleway-sdk-go: not read)',
        repeats: 'polled until the server is stopped, for up to 5 minutes',
      },
      { request: 'DELETE /servers/{id}', source: 'scaleway.go ScalewayProvisioner.Delete -> DeleteServer' },
      {
        request: 'DELETE /volumes/{id}',
        source: 'scaleway.go ScalewayProvisioner.Delete -> DeleteVolume, per volume',
        repeats: 'one per volume; a server has at least its root volume',
      },
    ],
    note: 'blocks in the power-off wait; at least 5',
  },
};

const hetzner: ReferenceProvider = {
  file: 'provision/hetzner.go',
  provision: {
    requests: [
      {
        request: 'GET /images?name=',
        source: 'hetzner.go HetznerProvisioner.Provision -> Image.GetByName (hcloud-go: not read)',
      },
      {
        request: 'GET /locations?name=',
        source: 'hetzner.go HetznerProvisioner.Provision -> Location.GetByName (hcloud-go: not read)',
      },
      {
        request: 'GET /server_types?name=',
        source: 'hetzner.go HetznerProvisioner.Provision -> ServerType.GetByName (hcloud-go: not read)',
      },
      { request: 'POST /servers', source: 'hetzner.go HetznerProvisioner.Provision -> Server.Create' },
    ],
  },
  status: {
    requests: [
      { request: 'GET /servers/{id}', source: 'hetzner.go HetznerProvisioner.Status -> Server.GetByID' },
    ],
  },
  delete: {
    requests: [
      { request: 'GET /servers/{id}', source: 'hetzner.go HetznerProvisioner.Delete -> Server.GetByID' },
      { request: 'DELETE /servers/{id}', source: 'hetzner.go HetznerProvisioner.Delete -> Server.Delete' },
    ],
  },
};

const linode: ReferenceProvider = {
  file: 'provision/linode.go',
  provision: {
    requests: [
      {
        request: 'POST /linode/stackscripts',
        source: 'linode.go LinodeProvisioner.Provision -> CreateStackscript',
      },
      {
        request: 'POST /linode/instances',
        source: 'linode.go LinodeProvisioner.Provision -> CreateInstance',
      },
    ],
  },
  status: {
    requests: [
      {
        request: 'GET /linode/instances/{id}',
        source: 'linode.go LinodeProvisioner.Status -> GetInstance',
      },
    ],
    note: 'once running, one more: DELETE of the StackScript this process made, if any',
  },
  delete: {
    requests: [
      {
        request: 'DELETE /linode/instances/{id}',
        source: 'linode.go LinodeProvisioner.Delete -> DeleteInstance',
      },
    ],
  },
};

const vultr: ReferenceProvider = {
  file: 'provision/vultr.go',
  provision: {
    requests: [
      {
        request: 'POST /v2/startup-scripts',
        source: 'vultr.go VultrProvisioner.Provision -> StartupScript.Create',
      },
      { request: 'POST /v2/instances', source: 'vultr.go VultrProvisioner.Provision -> Instance.Create' },
    ],
  },
  status: {
    requests: [
      { request: 'GET /v2/instances/{id}', source: 'vultr.go VultrProvisioner.Status -> Instance.Get' },
    ],
  },
  delete: {
    requests: [
      { request: 'GET /v2/instances/{id}', source: 'vultr.go VultrProvisioner.Delete -> Instance.Get' },
      { request: 'DELETE /v2/instances/{id}', source: 'vultr.go VultrProvisioner.Delete -> Instance.Delete' },
      {
        request: 'GET /v2/startup-scripts',
        source: 'vultr.go VultrProvisioner.Delete -> StartupScript.List',
      },
      {
        request: 'DELETE /v2/startup-scripts/{id}',
        source: 'vultr.go VultrProvisioner.Delete -> StartupScript.Delete (the script named after the host)',
      },
    ],
  },
};

const ovh: ReferenceProvider = {
  file: 'provision/ovh.go',
  provision: {
    requests: [
      {
        request: 'GET /cloud/project/{project}/image',
        source:
          'ovh.go OVHProvisioner.Provision -> GetImage (dirien/ovh-go-sdk pkg/sdk/sdk.go: one GET of every image, matched by region and name)',
      },
      {
        request: 'GET /cloud/project/{project}/flavor',
        source:
          'ovh.go OVHProvisioner.Provision -> GetFlavor (dirien/ovh-go-sdk pkg/sdk/sdk.go: one GET of every flavor, matched by region and name)',
      },
      {
        request: 'POST /cloud/project/{project}/instance',
        source: 'ovh.go OVHProvisioner.Provision -> CreateInstance',
      },
    ],
  },
  status: {
    requests: [
      {
        request: 'GET /cloud/project/{project}/instance/{id}',
        source: 'ovh.go OVHProvisioner.Status -> GetInstance',
      },
    ],
  },
  delete: {
    requests: [
      {
        request: 'DELETE /cloud/project/{project}/instance/{id}',
        source: 'ovh.go OVHProvisioner.Delete -> DeleteInstance',
      },
    ],
  },
};

/** The reference's requests, by our provider id. */
export const REFERENCE: Readonly<Record<string, ReferenceProvider>> = {
  aws,
  digitalocean,
  gcp,
  azure,
  scaleway,
  hetzner,
  linode,
  vultr,
  ovh,
};
