/**
 * Why we send more requests than the reference, row by row, each excuse naming the count it
 * covers: a figure above the reference with no excuse, or above the count its excuse names, fails
 * the run. Keep the texts in step with the provider's page under docs/providers/. A provider the
 * reference has no file for (OpenStack: inlets/cloud-provision has no OpenStack provisioner) has no
 * reference figure on any row, so it needs no excuse.
 */
import type { ComparedRow } from './reference-figures.ts';

/** An excuse for spending more than the reference on one row, up to a count. */
export interface Excuse {
  /** The most requests the excuse covers; one more fails the run. */
  readonly upTo: number;
  /** A phrase for the reading. */
  readonly short: string;
  /** A sentence for the table. */
  readonly text: string;
}

const doLookup = {
  short:
    'the identity-tag lookups before and after the create make provision() idempotent and make racing callers converge, as DigitalOcean has no idempotency token',
  text: 'The identity-tag lookup (`GET /v2/droplets?tag_name=`) makes provision() idempotent by (owner, name): DigitalOcean has no idempotency token, so without it a retry after a lost response creates a second droplet. The same lookup after the create is how concurrent callers, in any process, see each other and converge on one droplet (docs/decisions/2026-12-01-digitalocean-convergent-create.md).',
};

const doDelete = {
  short:
    'only a managed droplet is destroyed, duplicates left by racing provisions go first, destroy is asynchronous so a later call confirms the droplet is gone, and its firewall goes after it',
  text: 'The first call reads the droplet (`GET`: only a managed one is destroyed), lists its identity tag (duplicates racing provisions left are destroyed before it, as its tags are the only way to find them) and sends `DELETE`, answering done: false; a later call sees 404 and answers done: true. The reference sends one DELETE and never confirms. With a firewall, its `DELETE` follows once the droplet is gone.',
};

const awsDelete = {
  short:
    'each delete call reads the instance and returns at once, repeated while EC2 terminates it, where the reference blocks in its waiter',
  text: 'Each call first reads the instance (`DescribeInstances`): only an instance this project manages is ever terminated (a mistyped id of another instance is left alone and answered `found: false`), and one already shutting down needs nothing more. The first call then sends `TerminateInstances`, and the call that finds the instance terminated `DeleteSecurityGroup`; each returns at once, and the caller repeats it while EC2 shuts the instance down (the fake takes three reads, EC2 about a minute). The reference sends `DescribeInstances` and `TerminateInstances`, then blocks in an SDK waiter polling `DescribeInstances` (every 15 s, up to 10 minutes) before `DeleteSecurityGroup`: at least 4, counting one poll.',
};

const hetznerDelete = {
  short:
    'only a managed server is deleted, deletion is asynchronous so a later call confirms the server is gone, and its firewall goes after it',
  text: 'The first call reads the server (`GET`: only a managed one is deleted) and sends `DELETE`, answering done: false; a later call sees 404 and answers done: true. The reference sends GET and DELETE and never confirms. With a firewall, that later call reads the firewall (`GET`: only a managed one is deleted) and deletes it, once the server is gone (docs/providers/hetzner.md).',
};
const gcpDelete = {
  short:
    'only a managed instance is deleted, deletion is a zone operation so a later call confirms the instance is gone, and the two firewall rules go after it',
  text: "The first call reads the instance (`GET`: only a managed one is deleted) and sends `DELETE`, answering done: false; each call that finds it `STOPPING` sends only its GET (Compute Engine has no deleting state; the fake answers `STOPPING` for two reads); a later call sees 404 and deletes the host's two firewall rules (allow, and deny-the-rest; a 404 is fine for a host without them), answering done: true, so the host is never open on every port while it shuts down and no rule is left (docs/providers/gcp.md). The reference deletes its static address and the instance and never confirms; it leaves the firewall rule.",
};
const linodeDelete = {
  short:
    'only a managed Linode is deleted, a later call confirms it is gone (it answers deleting first), and its firewall goes after it',
  text: 'Each call first reads the Linode (`GET`: only a managed one is deleted); the first sends `DELETE` and answers done: false, a later one sees it `deleting` (the fake answers so once) and then 404, answering done: true. With a firewall, its `DELETE` follows once the Linode is gone, so the host is never open while it shuts down. The reference sends one `DeleteInstance` and never confirms.',
};
const vultrLookup = {
  short:
    'the identity-tag lookups before and after the create make provision() idempotent and make racing callers converge, as Vultr has no idempotency token; the user-data goes in the create, so no startup script is made',
  text: 'The identity-tag lookup (`GET /v2/instances?tag=`) makes provision() idempotent by (owner, name): Vultr has no idempotency token, so without it a retry after a lost response creates a second instance. The same lookup after the create is how concurrent callers converge on one instance (docs/providers/vultr.md). The reference sends a startup script and the create; the user-data here goes base64 in the create itself.',
};

// inlets/cloud-provision removed its Civo provisioner before the reference commit, so Civo has no
// reference figure: these excuses hold each row to the count docs/providers/civo.md explains.
const civoProvision = {
  short:
    "the identity-tag lookup makes provision() idempotent, and a create needs the region's default network and disk image ids, read at once beside it and kept for later creates",
  text: 'The identity-tag lookup (`GET /v2/instances?tags=`) makes provision() idempotent by (owner, name); the hostname `<name>.<owner>`, unique per account, makes racing creates converge. A create names its network and disk image by id, which only `GET /v2/networks` and `GET /v2/disk_images` of the region tell (ids differ per region): both are read at the same time as the lookup, once per provisioner and region (docs/providers/civo.md). No reference: inlets/cloud-provision has no Civo provisioner at its commit.',
};
const civoDelete = {
  short:
    'only a managed instance is deleted, a later call confirms it is gone, and its firewall goes after it',
  text: 'Each call first reads the instance (`GET`: only a managed one is deleted); the first sends `DELETE` and answers done: false, a later one sees 404 and answers done: true. With a firewall, its `DELETE` follows once the instance is gone, so the host is never open while it shuts down. No reference: inlets/cloud-provision has no Civo provisioner at its commit.',
};
const ovhLookup = {
  short:
    'the name lookups before and after the create make provision() idempotent and make racing callers converge, as OVHcloud has no idempotency token (and no tags: the name carries the identity)',
  text: 'The listing of the project’s instances (`GET /cloud/project/{project}/instance`) makes provision() idempotent by (owner, name), found by the first word of the instance name: OVHcloud has no idempotency token and no tags, so without it a retry after a lost response creates a second instance. The same listing after the create is how concurrent callers converge on one instance (docs/providers/ovh.md). The flavor and image lookups are the reference’s own; a second provision on the same provisioner reuses them and sends three requests.',
};
const ovhDelete = {
  short: 'only a managed instance is deleted, and a later call confirms it is gone',
  text: 'The first call reads the instance (`GET`: only one whose name carries a valid identity is deleted) and sends `DELETE`, answering done: false; a later call sees 404 and answers done: true. The reference sends one DELETE and never confirms.',
};
const azureProvision = {
  short:
    "the resource group's GET makes provision() idempotent without touching a host that exists (a repeat reads it instead), and a fresh process first fetches its token",
  text: "The resource group's `GET` comes first: a host that exists is read and returned, never re-deployed, so a repeat keeps its tags and expiry; then the group's `PUT` and the deployment's `PUT`, as the reference. A fresh process first asks Entra ID for a token (`POST /{tenant}/oauth2/v2.0/token`), which the reference's SDK does too but off the counted API; later calls reuse it (docs/providers/azure.md).",
};
const azureDelete = {
  short:
    'only a managed resource group is deleted, and deletion is asynchronous, so later calls read the group until it is gone',
  text: "The first call reads the group (`GET`: only one carrying provision's managed tag is deleted) and sends its `DELETE` (not awaited), answering done: false; later calls read it while it is `Deleting` and answer done: true once it is 404 (the fake takes two reads). The reference sends one `DELETE` and never confirms.",
};
const scalewayLookup = {
  short:
    'the identity-tag lookups before and after the create make provision() idempotent and make racing callers converge, as Scaleway has no idempotency token',
  text: "The identity-tag lookup (`GET .../servers?tags=`) makes provision() idempotent by (owner, name): Scaleway has no idempotency token, so without it a retry after a lost response creates a second server, and a repeat after an interruption between the create, the user-data and the power-on finds the server and completes it. The same lookup after the create is how concurrent callers converge on one server (docs/providers/scaleway.md). The create, the user-data and the power-on are the reference's three.",
};

const scalewayDelete = {
  short:
    'each delete call reads the server and returns at once (terminate first), repeated while Scaleway removes it, where the reference blocks in a power-off wait',
  text: "Each call first reads the server (`GET`: only a managed one is deleted); the first sends the `terminate` action, which removes the server with its local volume and its dynamic IP, and answers done: false; a later call sees 404 and answers done: true, after deleting the host's security group. The reference powers off, blocks in the SDK's wait, then deletes the server and each volume: at least 5.",
};

// inlets/cloud-provision removed its Equinix Metal provisioner before the reference commit (with
// Civo's), so Equinix Metal has no reference figure: these hold each row to the count
// docs/providers/equinix-metal.md explains.
const metalProvision = {
  short:
    'the identity-tag lookups before and after the create make provision() idempotent and make racing callers converge, as Equinix Metal has no idempotency token; the capacity check runs beside the first lookup',
  text: 'The identity-tag lookup (`GET /projects/{id}/devices?tag=`) makes provision() idempotent by (owner, name): Equinix Metal has no idempotency token and hostnames need not be unique, so the same lookup after the create is how racing callers converge on one device. `POST /capacity/metros` asks whether the plan can be had in the metro before the create, at the same time as the first lookup, so a sold-out plan is a `CapacityError` with nothing created (docs/providers/equinix-metal.md). No reference: inlets/cloud-provision has no Equinix Metal provisioner at its commit.',
};

const metalDelete = {
  short:
    'only a managed device is deleted, and later calls confirm it is gone while Equinix Metal deprovisions it',
  text: 'Each call first reads the device (`GET`: only a managed one is deleted); the first sends `DELETE` and answers done: false; a call that reads it `deprovisioning` sends nothing more; the one that reads 404 answers done: true (the fake deprovisions over two requests, Equinix Metal over minutes). No reference: inlets/cloud-provision has no Equinix Metal provisioner at its commit.',
};

/** Excuses by provider id and row. */
export const EXCUSES: Readonly<Record<string, Partial<Record<ComparedRow, Excuse>>>> = {
  digitalocean: {
    // lookup + create + lookup
    provision: { upTo: 3, ...doLookup },
    provisionWarm: { upTo: 3, ...doLookup },
    // lookup + identity tag + firewall + create + lookup
    provisionWithInbound: {
      upTo: 5,
      short:
        'the per-host firewall and the identity tag it targets are two more requests, made before the droplet so that it is guarded from its creation',
      text: 'The two lookups, plus the per-host firewall (`POST /v2/firewalls`), made before the droplet and targeting its identity tag, so the droplet is guarded from its creation; a firewall may only target a tag that exists, so the tag is made first (`POST /v2/tags`). The reference opens no ports at all.',
    },
    // GET + identity listing + DELETE (done: false), then GET answering 404 (done: true)
    delete: { upTo: 4, ...doDelete },
    // the same, then the firewall's DELETE
    deleteWithInbound: { upTo: 5, ...doDelete },
  },
  azure: {
    // token + group GET + group PUT + deployment PUT
    provision: { upTo: 4, ...azureProvision },
    provisionWarm: { upTo: 3, ...azureProvision },
    status: {
      upTo: 2,
      short: 'the VM does not carry its public address: the public IP is read beside it',
      text: "`GET` of the VM with its instance view (provisioning and power state, and the reason of a failed creation), then `GET` of its public IP, which holds the address; the reference reads the deployment's outputs instead, which say nothing of the power state or a VM stopped later.",
    },
    // GET + DELETE (done: false), GET (Deleting), GET (404: done)
    delete: { upTo: 4, ...azureDelete },
    deleteWithInbound: { upTo: 4, ...azureDelete },
  },
  hetzner: {
    // GET + DELETE (done: false), then GET answering 404 (done: true)
    delete: { upTo: 3, ...hetznerDelete },
    // the same, then the firewall's GET and DELETE
    deleteWithInbound: { upTo: 5, ...hetznerDelete },
  },
  gcp: {
    // GET + DELETE (done: false), then GET answering 404 and the two rules' DELETEs (done: true)
    // GET + DELETE (done: false), a GET per call while STOPPING (the fake answers so for two
    // reads), GET (404) + the two rules' DELETEs
    delete: { upTo: 7, ...gcpDelete },
    deleteWithInbound: { upTo: 7, ...gcpDelete },
  },
  linode: {
    // lookup + firewall + create
    provisionWithInbound: {
      upTo: 3,
      short: 'the per-host Cloud Firewall is one more request',
      text: 'The label lookup (idempotency), then the Cloud Firewall (`POST /networking/firewalls`), made before the Linode so the Linode is created behind it (`firewall_id`). The reference opens no ports at all; its StackScript is not needed, user-data goes through the Metadata service.',
    },
    // GET + DELETE, GET (deleting), GET (404)
    delete: { upTo: 4, ...linodeDelete },
    // the same, then the firewall's DELETE
    deleteWithInbound: { upTo: 5, ...linodeDelete },
  },
  vultr: {
    // lookup + create + lookup
    provision: { upTo: 3, ...vultrLookup },
    provisionWarm: { upTo: 3, ...vultrLookup },
  },
  civo: {
    // lookup + networks + disk images (at once) + create
    provision: { upTo: 4, ...civoProvision },
    // lookup + create: the network and disk image ids are kept from the first create
    provisionWarm: { upTo: 2, ...civoProvision },
    // the same, plus the firewall with its rules in one request
    provisionWithInbound: { upTo: 5, ...civoProvision },
    // GET + DELETE (done: false), then GET answering 404 (done: true)
    delete: { upTo: 3, ...civoDelete },
    // the same, then the firewall's DELETE
    deleteWithInbound: { upTo: 4, ...civoDelete },
    list1000: {
      upTo: 4,
      short: 'instances are regional: one listing per catalog region, each one page of up to 1,000',
      text: 'Civo lists instances per region (`GET /v2/instances?region=`), so list() without a region reads each of the four catalog regions once, at the same time, in pages of 1,000. No reference: inlets/cloud-provision has no Civo provisioner at its commit.',
    },
  },
  ovh: {
    // lookup + flavor + image + create + lookup (a warm provision reuses flavor and image: 3)
    provision: { upTo: 5, ...ovhLookup },
    // GET + DELETE (done: false), then GET answering 404 (done: true)
    delete: { upTo: 3, ...ovhDelete },
  },
  scaleway: {
    // lookup + create + lookup + user-data + power-on
    provision: { upTo: 5, ...scalewayLookup },
    provisionWarm: { upTo: 5, ...scalewayLookup },
    // the same, with the group listing, the group and its rules (one request)
    provisionWithInbound: {
      upTo: 8,
      short: 'the per-host security group is three more requests: a lookup, the group, all its rules at once',
      text: 'The two lookups, plus the security group: a lookup by the identity tag (a retry adopts the group an earlier attempt left), its create and one request that sets all its rules, all before the server, which is created inside it. The reference opens no ports at all.',
    },
    // GET + terminate (done: false), GETs while it terminates, then GET answering 404 (done: true)
    delete: { upTo: 5, ...scalewayDelete },
    // the same, then the group's DELETE
    deleteWithInbound: { upTo: 6, ...scalewayDelete },
  },
  'equinix-metal': {
    // lookup + capacity check (at once) + create + lookup
    provision: { upTo: 4, ...metalProvision },
    provisionWarm: { upTo: 4, ...metalProvision },
    // GET + DELETE (done: false), GET (deprovisioning, done: false), then GET answering 404 (done: true)
    delete: { upTo: 4, ...metalDelete },
  },
  aws: {
    // Four calls against the fake: DescribeInstances each, TerminateInstances in the first,
    // DeleteSecurityGroup in the last when there is a group.
    delete: { upTo: 5, ...awsDelete },
    deleteWithInbound: { upTo: 6, ...awsDelete },
  },
};

/** The excuse for `row`, if one is written. */
export function excuseFor(
  provider: string,
  row: ComparedRow,
  excuses: typeof EXCUSES = EXCUSES,
): Excuse | undefined {
  return excuses[provider]?.[row];
}
