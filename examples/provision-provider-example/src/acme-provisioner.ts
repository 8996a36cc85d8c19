import {
  type CallOptions,
  CapacityError,
  DEFAULT_OWNER,
  type DeleteResult,
  decodeManagedTags,
  encodeManagedTags,
  type Host,
  HostNotFoundError,
  type HostRef,
  type HostStatus,
  hostIdentity,
  InvalidRequestError,
  type ListFilter,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  type Operation,
  ProviderApiError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
  specMismatch,
  UnsupportedError,
} from '@provision/core';
import { collectPages, createIdTemplate, createJsonClient, loadCredential } from '@provision/provider-utils';
import * as z from 'zod';
import { ACME_API_KEY_ENV, ACME_ENDPOINT_ENV, type AcmeSettings, checkAcmeApiKey } from './acme-settings.js';

const DEFAULT_ENDPOINT = 'https://api.acme.test';
/** Largest page Acme serves: fewer round trips when listing. */
const MAX_PER_PAGE = 100;

// Only the fields we read, each tolerant of absence.
const machineSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  plan: z.string(),
  state: z.string(),
  ipv4: z.string().nullish(),
  labels: z.record(z.string(), z.string()).nullish(),
  failure_reason: z.string().nullish(),
  created_at: z.string().nullish(),
});
const machineAnswer = z.object({ machine: machineSchema });
const machinePage = z.object({ machines: z.array(machineSchema), next_page: z.number().nullish() });
const errorBody = z.object({ error: z.string().nullish(), message: z.string().nullish() });

type AcmeMachine = z.infer<typeof machineSchema>;

/** Host ids are Acme's machine ids (`m-1001`): one id is all later calls need. */
const acmeHostId = createIdTemplate({
  provider: 'acme',
  template: '{machineId}',
  parts: { machineId: /^m-\d{1,20}$/ },
});

// Acme's states: booting -> running, or failed when a creation it accepted fails.
function statusOf(machine: AcmeMachine): HostStatus {
  if (machine.state === 'failed') return 'error';
  // Active means running AND reachable: a running machine without its address is not there yet.
  return machine.state === 'running' && machine.ipv4 ? 'active' : 'provisioning';
}

// A lone UTF-16 surrogate has no UTF-8 form: sent on, the machine would boot with U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Machine ids grow with each creation: the lowest is the oldest. */
function older(a: AcmeMachine, b: AcmeMachine): AcmeMachine {
  return Number(a.id.slice(2)) <= Number(b.id.slice(2)) ? a : b;
}

/**
 * Redacts what we sent from the cloud's error messages: Acme quotes a rejected request (its body
 * and headers) in `message`, and neither the API key nor the user-data may reach an error.
 */
function createRedactor() {
  const sent = new Set<string>();
  return {
    remember(secret: string): string {
      // The raw value, and the way it reads inside the JSON body Acme quotes.
      if (secret.length >= 4) sent.add(secret).add(JSON.stringify(secret).slice(1, -1));
      return secret;
    },
    redact(message: string | undefined): string | undefined {
      if (message === undefined) return undefined;
      let clean = message;
      // Longest first: the key may sit inside the user-data, and replacing it first would hide the rest.
      for (const secret of [...sent].sort((a, b) => b.length - a.length))
        clean = clean.split(secret).join('[redacted]');
      return clean;
    },
  };
}

function createAcmeClient(
  settings: AcmeSettings,
  context: ProvisionerContext,
  redactor: ReturnType<typeof createRedactor>,
) {
  const provider = context.manifest.id;
  return createJsonClient({
    provider,
    version: context.manifest.version,
    baseUrl: settings.endpoint ?? context.env[ACME_ENDPOINT_ENV] ?? DEFAULT_ENDPOINT,
    fetch: settings.fetch,
    // Read at each request, never at import; a missing key fails before anything is sent.
    credential: () =>
      redactor.remember(
        loadCredential({
          provider,
          value: settings.apiKey,
          option: 'apiKey',
          envVars: ACME_API_KEY_ENV,
          env: context.env,
          validate: checkAcmeApiKey,
        }),
      ),
    authorize: (apiKey) => ({ 'x-api-key': apiKey }),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    parseError: (body) => {
      const parsed = errorBody.safeParse(body);
      return parsed.success
        ? { code: parsed.data.error ?? undefined, message: redactor.redact(parsed.data.message ?? undefined) }
        : {};
    },
    mapError: (failure) =>
      failure.status === 409 && failure.details.code === 'capacity'
        ? new CapacityError('Acme has no capacity for this plan in this region.', {
            provider: failure.provider,
            operation: failure.operation,
            hint: 'Try another region or plan, or retry later.',
          })
        : undefined,
  });
}

/** Entry point `load()` resolves to: Acme's provisioner. Every call sends one or two requests and returns. */
export function createProvisioner(
  settings: AcmeSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const provider = context.manifest.id;
  const redactor = createRedactor();
  const client = createAcmeClient(settings, context, redactor);
  // One page of machines carrying every one of `labels`. Repeated `label` parameters (an AND
  // filter) go in the path, as `query` holds one value per key.
  const listPage = async (
    labels: Record<string, string>,
    page: number,
    operation: Operation,
    signal?: AbortSignal,
  ) => {
    const filters = new URLSearchParams(
      Object.entries(labels).map(([key, value]) => ['label', `${key}=${value}`]),
    );
    const answer = await client.request({
      method: 'GET',
      path: `/v1/machines?${filters}`,
      query: { page, per_page: MAX_PER_PAGE },
      operation,
      schema: machinePage,
      signal,
    });
    return { items: answer.data.machines, next: answer.data.next_page ?? undefined };
  };
  // 204: gone now; 404: gone already. Anything else (a proxy's 200 page) is not Acme saying so.
  const deleteMachine = async (machineId: string, signal: AbortSignal | undefined) => {
    const answer = await client.request({
      method: 'DELETE',
      path: `/v1/machines/${machineId}`,
      operation: 'delete',
      allowStatus: [404],
      signal,
    });
    if (answer.status !== 204 && answer.status !== 404) {
      throw new ProviderApiError(`Acme answered a deletion with HTTP ${answer.status}, not 204 or 404.`, {
        provider,
        operation: 'delete',
        status: answer.status,
        retryable: true,
        code: 'invalid_response',
      });
    }
  };
  const toHost = (machine: AcmeMachine): Host => {
    const { managed, userTags } = decodeManagedTags(machine.labels ?? {});
    const plan = context.manifest.catalog.plans.find((candidate) => candidate.id === machine.plan);
    const status = statusOf(machine);
    return {
      id: acmeHostId.encode({ machineId: machine.id }),
      provider,
      name: managed?.name ?? machine.name,
      owner: managed?.owner ?? DEFAULT_OWNER,
      status,
      nativeStatus: machine.state,
      ...(machine.ipv4 ? { ipv4: machine.ipv4 } : {}),
      region: machine.region,
      plan: machine.plan,
      tags: userTags,
      ...(machine.created_at ? { createdAt: new Date(machine.created_at) } : {}),
      ...(managed?.expiresAt === undefined ? {} : { expiresAt: managed.expiresAt }),
      ...(plan === undefined ? {} : { price: plan.price }),
      firewalled: false,
      ...(status === 'error'
        ? { error: machine.failure_reason ?? 'Acme failed the creation without a reason.' }
        : {}),
    };
  };

  return {
    // Idempotent by (owner, name): the identity label is looked up before creating, so a retry
    // after a lost response finds the machine the first attempt made. Acme has no idempotency
    // token, so callers racing on one name may each create a machine: after creating, each looks
    // again and keeps the oldest; a caller whose machine is not the oldest deletes it.
    async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
      if (spec.userData !== undefined && LONE_SURROGATE.test(spec.userData)) {
        throw new InvalidRequestError(
          'userData is not valid Unicode text (it holds a lone surrogate), so it cannot reach the machine unchanged.',
          { provider, operation: 'provision', field: 'userData' },
        );
      }
      if (spec.userData !== undefined) redactor.remember(spec.userData);
      const identity = { [MANAGED_TAG_KEYS.identity]: hostIdentity(spec.owner, spec.name) };
      const [existing] = (await listPage(identity, 1, 'provision', options?.signal)).items;
      if (existing !== undefined) {
        // Found, not made: say where it differs from what was asked (the answer names no image,
        // and Acme has no firewall).
        const host = toHost(existing);
        const differences = specMismatch(
          { region: existing.region, plan: existing.plan, inbound: 'none', tags: host.tags },
          spec,
        );
        return differences.length === 0 ? host : { ...host, specMismatch: differences };
      }
      const { name, owner, region, plan, image, userData, ttlMs, tags } = spec;
      const answer = await client.request({
        method: 'POST',
        path: '/v1/machines',
        // JSON leaves `user_data` out when there is none.
        body: {
          name,
          region,
          plan,
          image,
          user_data: userData,
          labels: encodeManagedTags({ name, owner, ttlMs, tags }),
        },
        operation: 'provision',
        schema: machineAnswer,
        signal: options?.signal,
      });
      const mine = answer.data.machine;
      const oldest = (await listPage(identity, 1, 'provision', options?.signal)).items.reduce(older, mine);
      if (oldest.id !== mine.id) await deleteMachine(mine.id, options?.signal);
      return toHost(oldest);
    },

    async status(id: string, options?: CallOptions): Promise<Host> {
      const { machineId } = acmeHostId.decode(id, 'status');
      const answer = await client.request({
        method: 'GET',
        path: `/v1/machines/${machineId}`,
        operation: 'status',
        schema: machineAnswer,
        allowStatus: [404],
        signal: options?.signal,
      });
      if (answer.status === 404) throw new HostNotFoundError(id, { provider, operation: 'status' });
      return toHost(answer.data.machine);
    },

    // Acme deletes synchronously and has no secondary resources: one call is always done.
    async delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
      // Core refuses `{ ip }` before this point (deleteByIp is not declared); this narrows the type.
      if (!('id' in ref))
        throw new UnsupportedError('Acme hosts are deleted by id.', { provider, operation: 'delete' });
      const { machineId } = acmeHostId.decode(ref.id, 'delete');
      await deleteMachine(machineId, options?.signal);
      return { done: true, id: ref.id };
    },

    /** Managed hosts, every page, narrowed by owner, tags and region. */
    async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
      const labels = {
        ...filter.tags,
        [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
        ...(filter.owner === undefined ? {} : { [MANAGED_TAG_KEYS.owner]: filter.owner }),
      };
      const machines = await collectPages(
        1,
        (page: number) => listPage(labels, page, 'list', options?.signal),
        { provider },
      );
      return machines
        .filter((machine) => filter.region === undefined || machine.region === filter.region)
        .map(toHost);
    },
  };
}
