import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { CREATED_AT_TAG_KEY } from '../aws-tags.js';
import { AwsEc2Fake } from './aws-fake.js';
import { FAKE_IMAGES } from './aws-fake-catalog.js';
import type { AwsFakeInstance } from './aws-fake-records.js';
import { RUN_OPERATION } from './aws-fake-run.js';
import { sigV4Headers } from './aws-fake-signer.js';

/** The EC2 fake as the contract suite sees it, through the fake's public API only. */
export class AwsContractFake implements ContractFake<AwsEc2Fake> {
  readonly cloud: AwsEc2Fake;
  readonly hostKind = 'instance';
  readonly createOperation = RUN_OPERATION;
  readonly otherRegion = 'us-west-2';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new AwsEc2Fake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const instance = this.#instance(host);
    return instance === undefined ? undefined : this.cloud.inboundRules(instance.id);
  }

  bootUserData(host: Host): Uint8Array | undefined {
    // EC2 takes UserData base64-encoded and boots with the decoded bytes.
    const userData = this.#instance(host)?.userData;
    return userData === undefined ? undefined : new Uint8Array(Buffer.from(userData, 'base64'));
  }

  machine(host: Host): StoredMachine | undefined {
    const instance = this.#instance(host);
    return instance === undefined
      ? undefined
      : { region: instance.region, plan: instance.instanceType, image: instance.imageId };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    const instance = this.#instance(host);
    return instance === undefined
      ? undefined
      : Object.fromEntries(instance.tags.map((tag) => [tag.key, tag.value]));
  }

  setHostLimit(limit: number | undefined): void {
    // EC2 limits vCPUs, not instances: no vCPUs is no instance at all.
    this.cloud.setVcpuLimit(limit === undefined ? 512 : limit * 2);
  }

  /**
   * EC2 always gives an instance its private address; `none` and `private-only` both withhold the
   * public one (as a subnet without public-IP-on-launch does). `public` gives it back.
   */
  setAddressing(host: Host, state: AddressingState): void {
    const instance = this.#instance(host) as AwsFakeInstance | undefined;
    if (instance === undefined) return;
    if (state === 'public') {
      instance.wantsPublicIp = true;
      if (instance.state === 'running')
        instance.publicIp ??= this.#withheld.get(instance.id) ?? '198.51.100.250';
      return;
    }
    if (instance.publicIp !== undefined) this.#withheld.set(instance.id, instance.publicIp);
    instance.wantsPublicIp = false;
    instance.publicIp = undefined;
  }

  readonly #withheld = new Map<string, string>();

  /**
   * An instance launched from the console, without provision's tags: a signed `RunInstances`
   * (SigV4 in the header, as the console's calls are) through the fake's API, read until it runs.
   */
  async createUnmanagedMachine(): Promise<string> {
    const region = this.cloud.region;
    const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const url = new URL(`${this.cloud.baseUrl}/`);
    const sign = (body: URLSearchParams) =>
      sigV4Headers(
        'POST',
        url,
        { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body.toString(),
        { region, amzDate },
      );
    const image = FAKE_IMAGES.find((candidate) => candidate.architecture === 'x86_64')?.id as string;
    const form = new URLSearchParams({
      Action: 'RunInstances',
      Version: '2016-11-15',
      ImageId: image,
      InstanceType: 't3a.nano',
      MinCount: '1',
      MaxCount: '1',
    });
    const answer = await (await fetch(url, { method: 'POST', headers: sign(form), body: form })).text();
    const instanceId = /<instanceId>([^<]+)<\/instanceId>/.exec(answer)?.[1];
    if (instanceId === undefined)
      throw new Error(`The fake refused the console's RunInstances: ${answer.slice(0, 200)}`);
    const describe = new URLSearchParams({
      Action: 'DescribeInstances',
      Version: '2016-11-15',
      'InstanceId.1': instanceId,
    });
    for (let read = 0; read < 20; read++) {
      await fetch(url, { method: 'POST', headers: sign(describe), body: describe });
      const instance = this.cloud.allInstances().find((candidate) => candidate.id === instanceId);
      if (instance?.state === 'running' && instance.publicIp !== undefined) return instance.publicIp;
    }
    throw new Error(`The console's instance ${instanceId} never ran with a public address.`);
  }

  capPageSize(size: number | undefined): void {
    this.cloud.setMaxPageSize(size);
  }

  /**
   * Moves each security group's creation time back by `ms`. EC2 keeps none: it is the group's
   * `provision-created-at` tag, rewritten as `CreateTags` would.
   */
  ageSecondaryResources(ms: number): void {
    this.cloud.ageSecurityGroupTag(CREATED_AT_TAG_KEY, ms);
  }

  /** Terminated from the console: the instance goes at once, its security group stays. */
  removeOutOfBand(host: Host): void {
    const instance = this.#instance(host);
    if (instance !== undefined) this.cloud.terminateNow(instance.id);
  }

  // The id is opaque; the instance is the one whose id is one of its parts, whatever the id's layout.
  #instance(host: Host): Readonly<AwsFakeInstance> | undefined {
    const parts = new Set(host.id.split(/[^A-Za-z0-9-]+/));
    return this.cloud.allInstances().find((instance) => parts.has(instance.id));
  }
}
