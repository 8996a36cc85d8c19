import { FakeCloud, type RateLimitOptions, type RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_ACCOUNT_ID, FAKE_REGIONS } from './aws-fake-catalog.js';
import { describeImages, describeInstanceTypes, describeRegions } from './aws-fake-describe.js';
import {
  describeInstances,
  rebootInstances,
  startInstances,
  stopInstances,
  terminateInstances,
} from './aws-fake-instances.js';
import { flag, type Params, parseForm } from './aws-fake-query.js';
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
  type NormalizedInboundRule,
} from './aws-fake-security-groups.js';
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
  /** The only access key id the fake accepts in the SigV4 `Authorization` header. */
  accessKeyId?: string;
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
};

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

/**
 * A stateful fake of the EC2 Query API (2016-11-15), written from EC2's API description: form
 * bodies with `Action` and `Version`, XML answers in EC2's namespace and its error document,
 * SigV4 `Authorization` for the fake's access key id (the region comes from its credential scope,
 * so one fake serves every region), `ClientToken` semantics, instance state codes and reads-driven
 * lifecycles, security groups with the dependency rule, Canonical's images among an impostor's.
 * Operation names (for faults and call counts) are EC2 actions. A `RunInstances` whose client
 * token is already known launches nothing; `createdCount('instance')` counts launches.
 * The signature itself is not verified.
 */
export class AwsEc2Fake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'instance';
  readonly accessKeyId: string;

  readonly #instances = this.store<AwsFakeInstance>(
    'instance',
    (item) => `instance ${item.id} (${item.state}, ${item.region})`,
  );
  readonly #groups = this.store<AwsFakeSecurityGroup>(
    'security-group',
    (item) => `security group ${item.name} (${item.id})`,
  );
  readonly #allInstances = new Map<string, AwsFakeInstance>();
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
    const now = options.now ?? (() => new Date());
    this.#context = {
      instances: this.#instances,
      allInstances: this.#allInstances,
      securityGroups: this.#groups,
      tokens: this.#tokens,
      lifecycle: this.lifecycle,
      vcpuLimit: options.vcpuLimit ?? 512,
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
    this.route(
      'POST',
      '/',
      (request) => this.#operationOf(request.body),
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
  setVcpuLimit(limit: number): void {
    (this.#context as { vcpuLimit: number }).vcpuLimit = limit;
  }

  /** Every security group the fake created (the regions' default groups are not listed). */
  securityGroups(): readonly Readonly<AwsFakeSecurityGroup>[] {
    return this.#groups.values();
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

  /** The next launch is accepted, then ends `terminated` with `Server.InternalError` and this message. */
  failNextLaunch(reason: string): void {
    this.failNextCreation(RUN_OPERATION, reason);
  }

  override reset(): void {
    super.reset();
    this.#allInstances.clear();
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

  #operationOf(body: string): string {
    return new URLSearchParams(body).get('Action') ?? 'unknown';
  }

  /** The region the request was signed for, once its credential is accepted. */
  #authenticate(request: Request): string {
    const match = SIGV4.exec(request.headers.get('authorization') ?? '');
    const refuse = () =>
      this.fail(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
    if (match === null || match[1] !== this.accessKeyId || match[4] !== 'ec2') return refuse();
    const region = match[3] as string;
    if (!FAKE_REGIONS.some((known) => known.name === region)) return refuse();
    return region;
  }

  async #handle(route: RouteContext): Promise<Response> {
    const region = this.#authenticate(route.request);
    const params = parseForm(await route.request.clone().text());
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
