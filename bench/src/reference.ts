/**
 * Reference figures: requests per operation of the Go library inlets/cloud-provision, read from
 * its provider code by hand (see docs/providers/<id>.md for the commit each page read), and the
 * reasons we spend more where we do. A figure of ours above the reference with no reason here is
 * flagged in the report.
 */

/** The Go library's requests for one provider. */
export interface ReferenceFigures {
  /** `provision()` without ports. */
  readonly provision: number;
  /** Extra requests per inbound port; `undefined` when the reference has no inbound ports at all. */
  readonly provisionPerPort?: number;
  /** How the reference spends its provision requests, in its own steps. */
  readonly provisionNote: string;
  readonly status: number;
  /** Requests of one delete (the reference deletes in one blocking call). */
  readonly delete: number;
  readonly deleteNote?: string;
  /** Requests to list 1,000 hosts, where the reference lists at all. */
  readonly list1000?: number;
  readonly listNote?: string;
}

/** Why we spend more than the reference: a phrase for the reading and a sentence for the table. */
export interface Reason {
  readonly short: string;
  readonly text: string;
}

/** The operations a reference figure and a reason can attach to. */
export type ComparedOperation = 'provision' | 'provisionWithInbound' | 'status' | 'delete' | 'list1000';

export const REFERENCE: Readonly<Record<string, ReferenceFigures>> = {
  digitalocean: {
    provision: 1,
    provisionNote: 'create',
    status: 1,
    delete: 1,
    // It lists at the API's default page size, 20.
    list1000: 50,
    listNote: 'pages of 20, the API default',
  },
  aws: {
    provision: 4,
    provisionPerPort: 1,
    provisionNote: 'image lookup, security group, one ingress call per port, run, tag',
    status: 2,
    delete: 3,
    deleteNote: 'plus a blocking waiter polling for up to 10 min',
  },
  gcp: {
    provision: 5,
    provisionNote:
      '5 or more: firewall get, firewall insert or update, static address insert, address get polled up to 20 times, instance insert',
    status: 1,
    delete: 3,
    deleteNote: 'address get, address delete, instance delete',
  },
  azure: { provision: 2, provisionNote: 'resource group, deployment', status: 1, delete: 1 },
  scaleway: {
    provision: 3,
    provisionNote: 'create, user-data, power on',
    status: 1,
    delete: 3,
    deleteNote: 'plus one per volume, plus a blocking power-off of up to 5 min',
  },
  hetzner: { provision: 4, provisionNote: 'image, location and type lookups, create', status: 1, delete: 2 },
  linode: {
    provision: 2,
    provisionNote: 'StackScript, instance',
    status: 1,
    delete: 1,
    deleteNote: 'the StackScript is leaked',
  },
  vultr: { provision: 2, provisionNote: 'startup script, instance', status: 1, delete: 4 },
  ovh: { provision: 3, provisionNote: 'image list, flavor list, create', status: 1, delete: 1 },
};

/**
 * Why a provider spends more requests than the reference on an operation. Keep these in step with
 * the provider's own page under docs/providers/.
 */
export const REASONS: Readonly<Record<string, Partial<Record<ComparedOperation, Reason>>>> = {
  digitalocean: {
    provision: {
      short: 'the identity-tag lookup makes provision() idempotent, as DigitalOcean has no idempotency token',
      text: 'The identity-tag lookup (`GET /v2/droplets?tag_name=`) makes provision() idempotent by (owner, name): DigitalOcean has no idempotency token, so without it a retry after a lost response creates a second droplet.',
    },
    provisionWithInbound: {
      short: 'the per-host firewall is one more request',
      text: 'The lookup, plus the per-host firewall (`POST /v2/firewalls`), created after the droplet because it is attached by droplet id. The reference opens no ports at all.',
    },
    delete: {
      short:
        'destroy is asynchronous, so a second call confirms the droplet is gone, and its firewall goes after it',
      text: 'Destroy is asynchronous: the first call sends `DELETE` and answers done: false; a later call sees 404 and answers done: true. The reference sends one DELETE and never confirms. With a firewall, its `DELETE` follows once the droplet is gone.',
    },
  },
  aws: {
    delete: {
      short:
        'each delete call returns at once and is repeated while EC2 terminates the instance, where the reference blocks in a waiter whose polls its figure leaves out',
      text: 'Each call is one `TerminateInstances` (plus `DeleteSecurityGroup` once the instance is terminated) and returns at once; the caller repeats it while EC2 shuts the instance down (the fake takes a few reads, EC2 about a minute). The reference spends 3 requests and then blocks in an SDK waiter polling `DescribeInstances` every 15 s for up to 10 minutes, and its figure leaves those polls out.',
    },
  },
};

/** The reference figure for `operation` with `ports` inbound ports, or `undefined` where it has none. */
export function referenceFigure(
  provider: string,
  operation: ComparedOperation,
  ports: number,
): number | undefined {
  const figures = REFERENCE[provider];
  if (figures === undefined) return undefined;
  switch (operation) {
    case 'provision':
      return figures.provision;
    case 'provisionWithInbound':
      return figures.provisionPerPort === undefined
        ? undefined
        : figures.provision + figures.provisionPerPort * ports;
    case 'status':
      return figures.status;
    case 'delete':
      return figures.delete;
    case 'list1000':
      return figures.list1000;
  }
}

/** The written reason for spending more than the reference, if there is one. */
export function reasonFor(provider: string, operation: ComparedOperation): Reason | undefined {
  return REASONS[provider]?.[operation];
}
