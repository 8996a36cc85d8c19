import {
  AuthenticationError,
  createProvisioner,
  HostNotFoundError,
  type HostSpec,
  ProvisionError,
  type ProvisionerV1,
} from '@provision/core';
import type { FaultKind } from '../../fake-cloud/index.js';
import { ensure, outcomeOf, rejectionOf } from '../assert.js';
import { type CapturingLogger, captureOutput, capturingLogger } from '../capture-output.js';
import { type CheckContext, type ContractCheck, defineCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import { ContractHarness } from '../harness.js';
import { describeLeaks, findLeaks, type Secret } from '../leak-scan.js';

const GROUP = 'secrets';
/** Shorter strings match by accident. */
const MIN_SECRET_LENGTH = 6;

function leafStrings(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || depth > 4) return [];
  return Object.values(value).flatMap((inner) => leafStrings(inner, depth + 1));
}

function credentialSecrets<Settings>(
  config: ContractConfig<Settings>,
  settings: Settings,
  label: string,
): Secret[] {
  const record = settings as Record<string, unknown>;
  const fromSettings = config.plugin.secretSettings.flatMap((name) =>
    leafStrings(record[name]).map((value) => ({ label: `${label} ${name}`, value })),
  );
  const fromEnv = config.plugin.env.required.flatMap((name) => {
    const value = config.env?.[name];
    return value === undefined ? [] : [{ label: `environment variable ${name}`, value }];
  });
  return [...fromSettings, ...fromEnv].filter((secret) => secret.value.length >= MIN_SECRET_LENGTH);
}

/** 12 bytes, a multiple of 3: the marker's base64 form then lines up with that of the whole user-data. */
const USER_DATA_PREFIX = '#!/bin/sh\n# ';

/**
 * User-data holding a short unique marker right at the start (so even a logged fragment shows
 * it) and every credential. The marker is also looked for base64-encoded, as clouds often want it.
 */
function secretUserData(credentials: readonly Secret[]): { userData: string; secrets: Secret[] } {
  const marker = `pv${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36).slice(-4)}`;
  const userData = `${USER_DATA_PREFIX}${marker}\n# ${credentials.map((secret) => secret.value).join(' ')}\necho ready\n`;
  const head = `${USER_DATA_PREFIX}${marker}`;
  const aligned = head.slice(0, head.length - (head.length % 3));
  return {
    userData,
    secrets: [
      { label: 'the user-data marker', value: marker },
      { label: 'the user-data, base64-encoded', value: Buffer.from(aligned, 'utf8').toString('base64') },
    ],
  };
}

/** What a secrets scenario works with. */
interface SecretsWorld<Settings> {
  readonly harness: ContractHarness<Settings>;
  /** Valid credentials, logging into the captured logger. */
  readonly provisioner: ProvisionerV1;
  /** Credentials the cloud rejects, logging into the captured logger. */
  readonly rejected: ProvisionerV1;
  /** A spec whose user-data holds the marker and every credential. */
  spec(name: string): HostSpec;
  /** Runs `action`, which must fail, checks the error for secrets (and with `expect`, its class), returns it. */
  failing(
    what: string,
    action: () => Promise<unknown>,
    expect?: (error: unknown) => boolean,
    expected?: string,
  ): Promise<unknown>;
  /** Checks any value (a host, a result) for secrets. */
  inspect(what: string, value: unknown): void;
}

function secretsCheck<Settings>(
  config: ContractConfig<Settings>,
  name: string,
  body: (world: SecretsWorld<Settings>) => Promise<void>,
): ContractCheck {
  return defineCheck(GROUP, name, async (context: CheckContext) => {
    const harness = new ContractHarness(config, context);
    const logger: CapturingLogger = capturingLogger();
    const goodSettings = config.settings(harness.fake);
    const wrongSettings = config.wrongCredentialSettings(harness.fake);
    const credentials = [
      ...credentialSecrets(config, goodSettings, 'setting'),
      ...credentialSecrets(config, wrongSettings, 'rejected setting'),
    ];
    ensure(
      credentials.length > 0,
      `No credential of at least ${MIN_SECRET_LENGTH} characters was found in the settings named by plugin.secretSettings ` +
        `(${config.plugin.secretSettings.join(', ') || 'none'}) or in the config's env; the suite cannot look for leaks of it.`,
    );
    const { userData, secrets: userDataSecrets } = secretUserData(credentials);
    const secrets: Secret[] = [...credentials, ...userDataSecrets];
    const leaks: string[] = [];
    const inspect = (what: string, value: unknown) => {
      const found = findLeaks(value, secrets, what);
      if (found.length > 0) leaks.push(describeLeaks(found));
    };
    const world: SecretsWorld<Settings> = {
      harness,
      provisioner: harness.provisioner({ logger, settings: goodSettings }),
      rejected: harness.provisioner({ logger, settings: wrongSettings }),
      spec: (hostName) => harness.spec(hostName, { userData }),
      inspect,
      async failing(what, action, expect, expected) {
        const error = await rejectionOf(action, what);
        inspect(`the error of ${what}`, error);
        ensure(
          ProvisionError.isInstance(error),
          `${what} should fail with a ProvisionError, not ${error instanceof Error ? error.name : typeof error}.`,
        );
        ensure(
          expect === undefined || expect(error),
          `${what} should fail with ${expected}, not ${error.name} (${error.code}).`,
        );
        return error;
      },
    };
    const { output } = await captureOutput(() => body(world));
    inspect('console/stdout/stderr', output);
    inspect('logger', logger.entries);
    // Leaks are reported after the scenario so every one of them shows, never the values.
    ensure(leaks.length === 0, () => `Secrets leaked:\n${leaks.join('\n')}`);
  });
}

/** No error, log line or output ever holds a credential or the user-data. */
export function secretsChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const isAuthentication = (error: unknown) => AuthenticationError.isInstance(error);
  const faulted = (kind: FaultKind, label: string) =>
    secretsCheck(config, `${label} leak nothing`, async (world) => {
      const host = await world.provisioner.provision(world.spec('contract-secret'));
      world.inspect('the host provision() returned', host);
      // Every request fails; a Retry-After beyond maxDelayMs reaches the caller at once.
      world.harness.fake.injectFault({ kind, times: 10_000, retryAfterSeconds: 120 });
      await world.failing(`provision() under ${kind}`, () =>
        world.provisioner.provision(world.spec('contract-secret-2')),
      );
      await world.failing(`status() under ${kind}`, () => world.provisioner.status(host.id));
      await world.failing(`delete() under ${kind}`, () => world.provisioner.delete({ id: host.id }));
      world.harness.fake.clearFaults();
      await world.harness.cleanUp(world.provisioner, host.id, 'after the faults');
    });
  return [
    secretsCheck(config, 'rejected credentials (401) leak nothing', async (world) => {
      const host = await world.provisioner.provision(world.spec('contract-secret'));
      world.inspect('the host provision() returned', host);
      world.inspect('the provisioner', world.provisioner);
      await world.failing(
        'provision() with rejected credentials',
        () => world.rejected.provision(world.spec('contract-secret-2')),
        isAuthentication,
        'AuthenticationError',
      );
      await world.failing(
        'status() with rejected credentials',
        () => world.rejected.status(host.id),
        isAuthentication,
        'AuthenticationError',
      );
      await world.failing(
        'delete() with rejected credentials',
        () => world.rejected.delete({ id: host.id }),
        isAuthentication,
        'AuthenticationError',
      );
      const active = await world.harness.pollUntil(world.provisioner, host.id, 'active');
      world.inspect('the host status() returned', active);
      await world.harness.cleanUp(world.provisioner, host.id, 'after the rejected calls');
    }),
    faulted('http-500', 'server errors (500 on every request)'),
    faulted('rate-limit', 'rate limiting (429 on every request)'),
    faulted('connection-reset', 'dropped connections'),
    secretsCheck(
      config,
      'a cloud error echoing the request and its Authorization header leaks nothing',
      async (world) => {
        const host = await world.provisioner.provision(world.spec('contract-secret'));
        world.harness.fake.injectFault({ kind: 'echo-error', times: 10_000 });
        await world.failing('provision() when the cloud echoes the request', () =>
          world.provisioner.provision(world.spec('contract-secret-2')),
        );
        await world.failing('status() when the cloud echoes the request', () =>
          world.provisioner.status(host.id),
        );
        await world.failing('delete() when the cloud echoes the request', () =>
          world.provisioner.delete({ id: host.id }),
        );
        world.harness.fake.clearFaults();
        await world.harness.cleanUp(world.provisioner, host.id, 'after the echoing errors');
      },
    ),
    secretsCheck(config, 'failures after the create request leak nothing', async (world) => {
      // Where the create request falls in a clean provision, and what follows it.
      const seq = world.harness.fake.mark();
      await world.provisioner.provision(world.spec('contract-secret-clean'));
      const requests = world.harness.fake.since(seq);
      const create = requests.findIndex(
        (entry) => entry.operation === world.harness.contract.createOperation,
      );
      ensure(create >= 0, 'A clean provision sent no create request.');
      for (let index = create; index < requests.length; index += 1) {
        for (const kind of ['echo-error', 'http-500'] as const) {
          world.harness.fake.injectFault({ kind, after: index, times: 10_000 });
          const outcome = await outcomeOf(() =>
            world.provisioner.provision(
              world.spec(`contract-secret-${kind === 'http-500' ? 'e' : 'x'}${index}`),
            ),
          );
          world.harness.fake.clearFaults();
          world.inspect(
            `provision() with ${kind} from request ${index} on`,
            outcome.ok ? outcome.value : outcome.error,
          );
        }
      }
    }),
    secretsCheck(config, 'refused malformed credentials leak nothing', async (world) => {
      for (const badCase of config.badCredentials) {
        const values = credentialSecrets(config, badCase.settings(world.harness.fake), 'malformed setting');
        const fromEnv = Object.entries(badCase.env ?? {}).flatMap(([name, value]) =>
          value !== undefined && value.length >= MIN_SECRET_LENGTH && !/^(true|false)$/.test(value)
            ? [{ label: `malformed ${name}`, value }]
            : [],
        );
        const secrets = [...values, ...fromEnv];
        for (const [what, attempt] of [
          ['provision', (provisioner: ProvisionerV1) => provisioner.provision(world.spec('contract-secret'))],
          ['status', (provisioner: ProvisionerV1) => provisioner.status('contract-unknown-id')],
        ] as const) {
          const outcome = await outcomeOf(async () =>
            attempt(
              createProvisioner(config.plugin, badCase.settings(world.harness.fake), {
                env: badCase.env ?? config.env ?? {},
              }),
            ),
          );
          const leaks = findLeaks(
            outcome.ok ? outcome.value : outcome.error,
            secrets,
            `the error of ${what}() with credentials ${badCase.name}`,
          );
          ensure(leaks.length === 0, () => `Secrets leaked:\n${describeLeaks(leaks)}`);
        }
      }
    }),
    secretsCheck(config, 'an unknown host leaks nothing', async (world) => {
      const host = await world.provisioner.provision(world.spec('contract-secret'));
      await world.harness.deleteToDone(world.provisioner, { id: host.id });
      await world.failing(
        'status() of a deleted host',
        () => world.provisioner.status(host.id),
        (error) => HostNotFoundError.isInstance(error),
        'HostNotFoundError',
      );
      world.harness.expectNothingLeft('after deleting the host');
    }),
  ];
}
