import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { Operation, ProvisionError, ProvisionerContext } from '@provision/core';
import { redactSent } from '@provision/provider-utils';
import { CheckedRequestHandler, type SdkRequestHandler } from './aws-checked-handler.js';
import { resolveCredentials } from './aws-credentials.js';
import { mapAwsError } from './aws-errors.js';
import { FetchRequestHandler } from './aws-fetch-handler.js';
import { AWS_PACING_STEP, type AwsPacingOptions, createAwsPacing } from './aws-pacing.js';
import { AwsRetryStrategy } from './aws-retry-strategy.js';
import { AWS_ENDPOINT_ENV, AWS_REGION_ENV, type AwsSettings } from './aws-settings.js';
import { VERSION } from './version.js';

const DEFAULT_TIMEOUT_MS = 30_000;

const ignore = () => {};
// The SDK calls `logger?.info?.()` after every command with a copy of the input and output, its
// sensitive fields masked: for a page of 1000 instances that copy costs more than reading it. The
// default logger discards it anyway, so this one has no `info` and the copy is never made.
const SDK_LOGGER = { debug: ignore, warn: ignore, error: ignore } as unknown as NonNullable<
  EC2ClientConfig['logger']
>;

/** A command of `@aws-sdk/client-ec2` (`new RunInstancesCommand(...)`), whatever its input and output. */
type AnyCommand = { readonly input: object };

/** One EC2 client per region, built at the first request to it, with errors mapped to core's. */
export class AwsEc2 {
  readonly #clients = new Map<string, EC2Client>();
  /** The credentials this client signs with: never part of an error, even when EC2's message quotes the request. */
  readonly #secrets = new Set<string>();

  /**
   * @param pacing for tests: a limiter of its own, a fake clock's sleep, seeded jitter. By
   *   default every client of one account and region shares the account's limiter.
   */
  constructor(
    private readonly settings: AwsSettings,
    private readonly context: ProvisionerContext,
    private readonly pacing: Omit<AwsPacingOptions, 'retry' | 'accessKeyId'> = {},
  ) {}

  /** Region for calls that name no host: the `region` setting, `AWS_REGION`, `AWS_DEFAULT_REGION`, the default. */
  get homeRegion(): string {
    const fromEnv = AWS_REGION_ENV.map((name) => this.context.env[name]).find((value) => !!value);
    return this.settings.region ?? fromEnv ?? this.context.manifest.defaults.region;
  }

  /**
   * Sends `command` to `region`. The SDK retries transient failures itself (see
   * `AwsRetryStrategy`), and every attempt is paced by the account's rate limiter, which also
   * repeats throttled attempts (see `createAwsPacing`); whatever is left is thrown as a core error.
   */
  async send<Output>(
    region: string,
    command: AnyCommand,
    operation: Operation,
    signal?: AbortSignal,
  ): Promise<Output> {
    const client = this.#client(region, operation);
    try {
      return (await client.send(
        command as never,
        signal === undefined ? {} : { abortSignal: signal },
      )) as Output;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw this.#redacted(mapAwsError(error, operation), command);
    }
  }

  /**
   * EC2's message is quoted in our errors, and EC2 (or a proxy in front of it) may quote the request
   * there: its form body (the base64 user-data) and its Authorization header (the access key id).
   * What this client sent is cut out of the message and stack.
   */
  #redacted(error: ProvisionError, command: AnyCommand): ProvisionError {
    const userData = (command.input as { UserData?: unknown }).UserData;
    const sent = [...this.#secrets, typeof userData === 'string' ? userData : undefined];
    for (const field of ['message', 'stack'] as const) {
      const text = error[field];
      if (typeof text !== 'string') continue;
      Object.defineProperty(error, field, {
        value: redactSent(text, sent),
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    return error;
  }

  #client(region: string, operation: Operation): EC2Client {
    const existing = this.#clients.get(region);
    if (existing !== undefined) return existing;
    let credentials: ReturnType<typeof resolveCredentials>;
    try {
      credentials = resolveCredentials(this.settings, this.context.env);
    } catch (error) {
      throw mapAwsError(error, operation);
    }
    for (const value of [credentials?.accessKeyId, credentials?.secretAccessKey, credentials?.sessionToken])
      if (value !== undefined) this.#secrets.add(value);
    const endpoint =
      this.settings.endpoint ??
      AWS_ENDPOINT_ENV.map((name) => this.context.env[name]).find((value) => !!value);
    const retry = {
      maxRetries: this.settings.retry?.maxRetries ?? 3,
      baseDelayMs: this.settings.retry?.baseDelayMs ?? 500,
      maxDelayMs: this.settings.retry?.maxDelayMs ?? 30_000,
      maxRateLimitWaitMs: this.settings.retry?.maxRateLimitWaitMs ?? 300_000,
    };
    const timeoutMs = this.settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const client = new EC2Client({
      region,
      ...(credentials === undefined ? {} : { credentials }),
      ...(this.settings.profile === undefined ? {} : { profile: this.settings.profile }),
      ...(endpoint === undefined ? {} : { endpoint }),
      maxAttempts: retry.maxRetries + 1,
      retryStrategy: new AwsRetryStrategy(retry),
      requestHandler:
        this.settings.fetch === undefined
          ? { requestTimeout: timeoutMs, connectionTimeout: timeoutMs }
          : new FetchRequestHandler(this.settings.fetch, timeoutMs),
      customUserAgent: `provision/aws/${VERSION}`,
      logger: SDK_LOGGER,
    });
    // The SDK builds its Node handler from the settings above; every attempt then goes through
    // one deadline and the check that a success is EC2's XML (see CheckedRequestHandler).
    client.config.requestHandler = new CheckedRequestHandler(
      client.config.requestHandler as unknown as SdkRequestHandler,
      timeoutMs,
    ) as unknown as typeof client.config.requestHandler;
    // Inside the SDK's retry loop and before signing: every attempt waits its slot, then is signed.
    client.middlewareStack.addRelativeTo(
      createAwsPacing({ ...this.pacing, retry, accessKeyId: credentials?.accessKeyId }) as never,
      AWS_PACING_STEP,
    );
    this.#clients.set(region, client);
    return client;
  }
}
