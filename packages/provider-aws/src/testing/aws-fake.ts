import { FakeCloud, type RateLimitOptions, type RouteContext } from '@provision/testkit/fake-cloud';
import { describeAddresses, describeAvailabilityZones, describeKeyPairs } from './aws-fake-account.js';
import { authenticate } from './aws-fake-auth.js';
import { FAKE_ACCOUNT_ID } from './aws-fake-catalog.js';
import { describeImages, describeInstanceTypes, describeRegions } from './aws-fake-describe.js';
import {
  describeInstances,
  rebootInstances,
  startInstances,
  stopInstances,
  terminateInstances,
} from './aws-fake-instances.js';
import { flag, type Params, queryParams } from './aws-fake-query.js';
import type {
  AwsFakeContext,
  AwsFakeInstance,
  AwsFakeSecurityGroup,
  FakeTokenRecord,
} from './aws-fake-records.js';
import { RUN_OPERATION, runInstances } from './aws-fake-run.js';
import {
  authorizeIngress,
  createSecurityGroup,
  deleteSecurityGroup,
  describeSecurityGroups,
  inboundRulesOf,
  makeDefaultGroup,
  type NormalizedInboundRule,
} from './aws-fake-security-groups.js';
import { createTags, describeTags } from './aws-fake-tags.js';
import { EC2_API_VERSION, type XmlStructure, xmlError, xmlResponse } from './aws-fake-xml.js';

/** The access key pair the fake accepts: AWS's own documentation example, so never a real key. */
export const AWS_FAKE_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const;

/** EC2's endpoint in us-east-1, where the fake answers by default. */
export const AWS_EC2_URL = 'https://ec2.us-east-1.amazonaws.com';

/** Options of `AwsEc2Fake`. */
export interface AwsEc2FakeOptions {
  /** Where the fake answers. Default `https://ec2.us-east-1.amazonaws.com`. */
  baseUrl?: string;
  /** The only access key id the fake accepts (SigV4 header or query, or SigV2 `AWSAccessKeyId`). */
  accessKeyId?: string;
  /** The secret key signatures are checked with. Default `AWS_FAKE_CREDENTIALS.secretAccessKey`. */
  secretAccessKey?: string;
  /**
   * The region of SigV2-signed requests, which name none. Default: the region in the base URL's
   * host (`ec2.<region>.amazonaws.com`), else `us-east-1`.
   */
  region?: string;
  /** An instance moves on (pending -> running, shutting-down -> terminated...) on this read. Default 2. */
  readsUntilActive?: number;
  /** vCPUs the account may run per region; launches beyond answer `VcpuLimitExceeded`. Default 512. */
  vcpuLimit?: number;
  /** Throttle like EC2 (token bucket, real time); answers 503 `RequestLimitExceeded`. Default: none. */
  rateLimit?: RateLimitOptions;
  /** The clock for launch times. Default: the real clock. */
  now?: () => Date;
}

type Handler = (context: AwsFakeContext, params: Params, region: string) => XmlStructure;

const ACTIONS: Record<string, Handler> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  TerminateInstances: terminateInstances,
  StartInstances: startInstances,
  StopInstances: stopInstances,
  RebootInstances: rebootInstances,
  CreateSecurityGroup: createSecurityGroup,
  AuthorizeSecurityGroupIngress: authorizeIngress,
  DeleteSecurityGroup: deleteSecurityGroup,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeImages: (context, params) => describeImages(context, params),
  DescribeRegions: (context, params) => describeRegions(context, params),
  DescribeInstanceTypes: (context, params) => describeInstanceTypes(context, params),
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeAddresses: (context, params) => describeAddresses(context, params),
  DescribeKeyPairs: (context, params) => describeKeyPairs(context, params),
  CreateTags: createTags,
  DescribeTags: describeTags,
};

/** Every action the fake serves, sorted: what its conformance test holds to the description. */
export const AWS_FAKE_ACTIONS: readonly string[] = Object.keys(ACTIONS).sort();

/**
 * A stateful fake of the EC2 Query API (2016-11-15), written from EC2's API description: `Action`
 * and `Version` in the query string (GET) or a form body (POST), XML answers in EC2's namespace
 * and its error document, `ClientToken` semantics, instance state codes and reads-driven
 * lifecycles, security groups (each region's default VPC group included) with the dependency
 * rule, tags, zones, Canonical's images among an impostor's. Operation names (for faults and call
 * counts) are EC2 actions. A `RunInstances` whose client token is already known launches nothing;
 * `createdCount('instance')` counts launches.
 *
 * Requests must be signed with the fake's credentials, with SigV4 (`Authorization` header or
 * `X-Amz-*` query parameters; the region comes from the credential scope, so one fake serves every
 * region) or SigV2 (`AWSAccessKeyId`, `SignatureVersion=2`; the fake's `region`). The signature is
 * recomputed over what the client signed (behind the emulator, the Host and URL the client used:
 * `HandleOptions.clientUrl`): an unknown key id or scope answers 401 `AuthFailure`, a signature
 * that does not match 403 `SignatureDoesNotMatch`, as EC2 does.
 */
export class AwsEc2Fake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'instance';
  readonly accessKeyId: string;
  readonly #secretAccessKey: string;
  /** The region of SigV2 requests. */
  readonly region: string;

  readonly #instances = this.store<AwsFakeInstance>(
    'instance',
    (item) => `instance ${item.id} (${item.state}, ${item.region})`,
  );
  readonly #groups = this.store<AwsFakeSecurityGroup>(
    'security-group',
    (item) => `security group ${item.name} (${item.id})`,
  );
  readonly #allInstances = new Map<string, AwsFakeInstance>();
  readonly #defaultGroups = new Map<string, AwsFakeSecurityGroup>();
  readonly #tokens = new Map<string, FakeTokenRecord>();
  readonly #context: AwsFakeContext;
  #counter = 0;
  #addresses = 0;
  #requests = 0;

  constructor(options: AwsEc2FakeOptions = {}) {
    super({
      provider: 'aws',
      baseUrl: options.baseUrl ?? AWS_EC2_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.accessKeyId = options.accessKeyId ?? AWS_FAKE_CREDENTIALS.accessKeyId;
    this.#secretAccessKey = options.secretAccessKey ?? AWS_FAKE_CREDENTIALS.secretAccessKey;
    this.region =
      options.region ??
      /^ec2\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(this.baseUrl).hostname)?.[1] ??
      'us-east-1';
    const now = options.now ?? (() => new Date());
    this.#context = {
      instances: this.#instances,
      allInstances: this.#allInstances,
      securityGroups: this.#groups,
      defaultGroup: (region) => {
        let group = this.#defaultGroups.get(region);
        if (group === undefined) {
          group = makeDefaultGroup(region, this.#context.nextHex);
          this.#defaultGroups.set(region, group);
        }
        return group;
      },
      tokens: this.#tokens,
      lifecycle: this.lifecycle,
      vcpuLimit: options.vcpuLimit ?? 512,
      maxPageSize: undefined,
      ownerId: FAKE_ACCOUNT_ID,
      now: () => `${now().toISOString().slice(0, 19)}.000Z`,
      nextHex: () => {
        this.#counter += 1;
        return (0xf000000000000000n + BigInt(this.#counter)).toString(16);
      },
      nextAddress: () => {
        this.#addresses += 1;
        const index = this.#addresses;
        const block = index <= 240 ? '203.0.113' : '198.51.100';
        return {
          publicIp: `${block}.${9 + (((index - 1) % 240) + 1)}`,
          privateIp: `172.31.${Math.floor(index / 250)}.${(index % 250) + 4}`,
        };
      },
      fail: (status, code, message) => this.fail(status, code, message),
      hasCapacity: (region, plan) => this.hasCapacity(region, plan),
      takeAsyncFailure: (operation) => this.takeAsyncFailure(operation),
    };
    // EC2 takes Query requests by GET (parameters in the query string) and by POST (in a form body).
    for (const method of ['GET', 'POST'])
      this.route(
        method,
        '/',
        (request) => queryParams(request.url, request.body).get('Action') ?? 'unknown',
        (route) => this.#handle(route),
      );
  }

  /** Every instance that is not terminated, in launch order. */
  instances(): readonly Readonly<AwsFakeInstance>[] {
    return this.#instances.values();
  }

  /** Every instance ever launched, terminated ones included. */
  allInstances(): readonly Readonly<AwsFakeInstance>[] {
    return [...this.#allInstances.values()];
  }

  /** Sets the account's vCPU limit per region (as a quota request would); launches beyond it answer `VcpuLimitExceeded`. */
  /**
   * Caps how many items a page of `DescribeInstances` holds, whatever `MaxResults` asks: EC2 may
   * answer fewer than `MaxResults` with a `NextToken` (the API reference's Pagination section).
   * `undefined` undoes it.
   */
  setMaxPageSize(size: number | undefined): void {
    (this.#context as { maxPageSize: number | undefined }).maxPageSize = size;
  }

  setVcpuLimit(limit: number): void {
    (this.#context as { vcpuLimit: number }).vcpuLimit = limit;
  }

  /** Every security group the fake created (the regions' default groups are not listed). */
  securityGroups(): readonly Readonly<AwsFakeSecurityGroup>[] {
    return this.#groups.values();
  }

  /**
   * Moves back by `ms` the ISO 8601 time each security group holds in its tag `key`, as a
   * `CreateTags` with the earlier time would (EC2 keeps no creation time of a group; a client that
   * wants one writes it in a tag).
   */
  ageSecurityGroupTag(key: string, ms: number): void {
    for (const group of this.#groups.values()) {
      const made = group.tags.find((tag) => tag.key === key);
      if (made !== undefined) made.value = new Date(Date.parse(made.value) - ms).toISOString();
    }
  }

  /** What the internet can reach on an instance through its own groups; `undefined` under the default group only. */
  inboundRules(instanceId: string): NormalizedInboundRule[] | undefined {
    return inboundRulesOf(this.#context, instanceId);
  }

  /**
   * Terminates an instance at once, outside any plugin (as someone in the console would, and
   * past the shutdown EC2 takes): its security groups stay.
   */
  terminateNow(instanceId: string): void {
    const instance = this.#allInstances.get(instanceId);
    if (instance === undefined || instance.state === 'terminated') return;
    instance.state = 'terminated';
    instance.stateReason = {
      code: 'Client.UserInitiatedShutdown',
      message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    };
    instance.publicIp = undefined;
    this.#instances.delete(instanceId);
  }

  /**
   * Moves the clock past EC2's memory of terminated instances (about an hour): `DescribeInstances`
   * no longer shows them, while `RunInstances` still answers their client tokens with them (24
   * hours at least). https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html
   */
  forgetTerminated(): void {
    for (const instance of this.#allInstances.values())
      if (instance.state === 'terminated') instance.forgotten = true;
  }

  /** The next launch is accepted, then ends `terminated` with `Server.InternalError` and this message. */
  failNextLaunch(reason: string): void {
    this.failNextCreation(RUN_OPERATION, reason);
  }

  override reset(): void {
    super.reset();
    this.#allInstances.clear();
    this.#defaultGroups.clear();
    this.#tokens.clear();
    this.#counter = 0;
    this.#addresses = 0;
    this.#requests = 0;
  }

  protected errorResponse(status: number, code: string, message: string): Response {
    // The base reports its own conditions with generic codes; EC2 words them its way. EC2 sends
    // no Retry-After with RequestLimitExceeded.
    const [ec2Status, ec2Code, ec2Message] = (
      {
        internal_error: [500, 'InternalError', 'An internal error has occurred.'],
        rate_limited: [503, 'RequestLimitExceeded', 'Request limit exceeded.'],
        bad_request: [400, 'MalformedQueryString', 'The query string is malformed.'],
        not_found: [400, 'InvalidAction', 'The action or operation requested is not valid.'],
      } as Record<string, [number, string, string]>
    )[code] ?? [status, code, message];
    this.#requests += 1;
    return xmlError(ec2Status, ec2Code, ec2Message, this.#requestId());
  }

  #requestId(): string {
    return `7a62c49f-347e-4fc4-9331-${this.#requests.toString(16).padStart(12, '0')}`;
  }

  async #handle(route: RouteContext): Promise<Response> {
    const body = await route.request.clone().text();
    const all = queryParams(route.url, body);
    const signed = authenticate(
      { method: route.request.method, url: route.clientUrl, headers: route.request.headers, body },
      all,
      { accessKeyId: this.accessKeyId, secretAccessKey: this.#secretAccessKey, region: this.region },
    );
    if (!signed.ok && signed.refused === 'signature')
      this.fail(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      );
    if (!signed.ok)
      this.fail(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
    const { region, params } = signed;
    const action = params.get('Action');
    if (action === undefined)
      this.fail(400, 'MissingAction', 'The request must contain the parameter Action');
    const handler = ACTIONS[action];
    if (handler === undefined)
      this.fail(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
    if (params.get('Version') !== EC2_API_VERSION)
      this.fail(
        400,
        'NoSuchVersion',
        `An invalid or unsupported API version was specified: ${params.get('Version') ?? ''}`,
      );
    if (flag(params, 'DryRun'))
      this.fail(412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    const members = handler(this.#context, params, region);
    this.#requests += 1;
    return xmlResponse(action, this.#requestId(), members);
  }
}
