import {
  CapacityError,
  type Operation,
  ProviderApiError,
  type ProvisionerContext,
  QuotaExceededError,
} from '@provision/core';
import { createJsonClient, type HttpFailure, loadCredential } from '@provision/provider-utils';
import * as z from 'zod';
import {
  checkExampleToken,
  EXAMPLE_ENDPOINT_ENV,
  EXAMPLE_TOKEN_ENV,
  type ExampleSettings,
} from './example-settings.js';

const DEFAULT_ENDPOINT = 'https://api.example-cloud.test';

/** Largest page the example cloud serves. */
export const EXAMPLE_MAX_PAGE_SIZE = 50;

// Only the fields we read, each tolerant of absence.
const serverSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  plan: z.string(),
  state: z.string(),
  ipv4: z.string().nullish(),
  private_ipv4: z.string().nullish(),
  tags: z.record(z.string(), z.string()).nullish(),
  firewall_ids: z.array(z.string()).nullish(),
  failure_reason: z.string().nullish(),
  created_at: z.string().nullish(),
});
const firewallSchema = z.object({
  id: z.string(),
  name: z.string(),
  rules: z.array(z.object({ protocol: z.string(), from_port: z.number(), to_port: z.number() })).nullish(),
  server_ids: z.array(z.string()).nullish(),
  created_at: z.string().nullish(),
});
const serverAnswer = z.object({ server: serverSchema });
const serverPage = z.object({ servers: z.array(serverSchema), next_page: z.number().nullish() });
const firewallAnswer = z.object({ firewall: firewallSchema });
const firewallList = z.object({ firewalls: z.array(firewallSchema) });
const errorBody = z.object({
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

/** A server as the API describes it. */
export type ExampleServer = z.infer<typeof serverSchema>;
/** A firewall as the API describes it. */
export type ExampleFirewall = z.infer<typeof firewallSchema>;
/** A firewall rule on the wire. */
export interface ExampleRule {
  protocol: 'tcp' | 'udp';
  from_port: number;
  to_port: number;
}

/** Server creation body. */
export interface CreateServerBody {
  name: string;
  region: string;
  plan: string;
  image: string;
  user_data?: string;
  tags: Record<string, string>;
  firewall_ids?: string[];
}

function mapError(failure: HttpFailure) {
  if (failure.status === 403 && failure.details.code === 'quota_exceeded') {
    return new QuotaExceededError(
      `Example Cloud refused another server: the account is at its limit. ${failure.details.message ?? ''}`.trim(),
      {
        provider: failure.provider,
        operation: failure.operation,
        hint: 'Delete a server or ask for a higher limit.',
      },
    );
  }
  if (failure.status === 422 && failure.details.code === 'capacity_unavailable') {
    return new CapacityError(
      `Example Cloud has no capacity for this plan in this region. ${failure.details.message ?? ''}`.trim(),
      {
        provider: failure.provider,
        operation: failure.operation,
        hint: 'Try another region or plan, or retry later.',
      },
    );
  }
  return undefined;
}

/**
 * The example cloud's API, one method per request. Reads the token when a request is made
 * (option first, then `EXAMPLE_TOKEN`), so a missing token fails before anything is sent.
 */
export function createExampleApi(
  settings: ExampleSettings,
  context: ProvisionerContext,
  options: { redact?: boolean } = {},
) {
  const provider = context.manifest.id;
  const credential = () =>
    loadCredential({
      provider,
      value: settings.token,
      option: 'token',
      envVars: EXAMPLE_TOKEN_ENV,
      env: context.env,
      validate: checkExampleToken,
    });
  const client = createJsonClient({
    provider,
    version: context.manifest.version,
    baseUrl: settings.endpoint ?? context.env[EXAMPLE_ENDPOINT_ENV] ?? DEFAULT_ENDPOINT,
    fetch: settings.fetch,
    credential,
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    parseError: (body) => {
      const parsed = errorBody.safeParse(body);
      if (!parsed.success) return {};
      const message = parsed.data.error?.message ?? undefined;
      // The client cuts what it sent out of `message`; a plugin that files the cloud's words
      // anywhere else (here: as the error's code) quotes them as they came.
      return { code: options.redact === false ? message : (parsed.data.error?.code ?? undefined), message };
    },
    mapError,
  });

  return {
    /** The server, or undefined when the cloud has none with this id. */
    async getServer(
      id: string,
      operation: Operation,
      signal?: AbortSignal,
    ): Promise<ExampleServer | undefined> {
      const answer = await client.request({
        method: 'GET',
        path: `/v1/servers/${encodeURIComponent(id)}`,
        operation,
        schema: serverAnswer,
        allowStatus: [404],
        signal,
      });
      return answer.status === 404 ? undefined : answer.data.server;
    },
    /** One page of servers carrying every one of `tags`. */
    async listServers(
      tags: Record<string, string>,
      page: number,
      operation: Operation,
      signal?: AbortSignal,
    ) {
      // Repeated `tag` parameters (an AND filter) go in the path: `query` holds one value per key.
      const filters = new URLSearchParams(
        Object.entries(tags).map(([key, value]) => ['tag', `${key}:${value}`]),
      );
      const answer = await client.request({
        method: 'GET',
        path: `/v1/servers?${filters}`,
        query: { page, per_page: EXAMPLE_MAX_PAGE_SIZE },
        operation,
        schema: serverPage,
        signal,
      });
      return { items: answer.data.servers, next: answer.data.next_page ?? undefined };
    },
    async createServer(body: CreateServerBody, signal?: AbortSignal): Promise<ExampleServer> {
      const answer = await client.request({
        method: 'POST',
        path: '/v1/servers',
        body,
        // Cut out of the cloud's error message, should it quote the request.
        secrets: [body.user_data],
        operation: 'provision',
        schema: serverAnswer,
        signal,
      });
      return answer.data.server;
    },
    /** Starts a power action; undefined when the cloud has no such server. */
    async serverAction(
      id: string,
      type: 'start' | 'stop' | 'reboot',
      signal?: AbortSignal,
    ): Promise<ExampleServer | undefined> {
      const answer = await client.request({
        method: 'POST',
        path: `/v1/servers/${encodeURIComponent(id)}/actions`,
        body: { type },
        operation: type,
        schema: serverAnswer,
        allowStatus: [404],
        signal,
      });
      return answer.status === 404 ? undefined : answer.data.server;
    },
    /** `'deleting'` while the server still exists, `'gone'` once it does not. */
    async deleteServer(id: string, signal?: AbortSignal): Promise<'deleting' | 'gone'> {
      const answer = await client.request({
        method: 'DELETE',
        path: `/v1/servers/${encodeURIComponent(id)}`,
        operation: 'delete',
        allowStatus: [404],
        signal,
      });
      if (answer.status === 202) return 'deleting';
      if (answer.status === 204 || answer.status === 404) return 'gone';
      // Anything else (a proxy's 200 page) is not the cloud saying the server is gone.
      throw new ProviderApiError(
        `Example Cloud answered a deletion with HTTP ${answer.status}, not 202, 204 or 404.`,
        {
          provider,
          operation: 'delete',
          status: answer.status,
          retryable: true,
          code: 'invalid_response',
        },
      );
    },
    /** Firewalls with exactly this name (names are not unique). */
    async listFirewalls(
      name: string,
      operation: Operation,
      signal?: AbortSignal,
    ): Promise<ExampleFirewall[]> {
      const answer = await client.request({
        method: 'GET',
        path: '/v1/firewalls',
        query: { name },
        operation,
        schema: firewallList,
        signal,
      });
      return answer.data.firewalls.filter((firewall) => firewall.name === name);
    },
    /** Every firewall of the account (the example cloud answers them in one page). */
    async allFirewalls(operation: Operation, signal?: AbortSignal): Promise<ExampleFirewall[]> {
      const answer = await client.request({
        method: 'GET',
        path: '/v1/firewalls',
        operation,
        schema: firewallList,
        signal,
      });
      return answer.data.firewalls;
    },
    async createFirewall(name: string, rules: ExampleRule[], signal?: AbortSignal): Promise<ExampleFirewall> {
      const answer = await client.request({
        method: 'POST',
        path: '/v1/firewalls',
        body: { name, rules },
        operation: 'provision',
        schema: firewallAnswer,
        signal,
      });
      return answer.data.firewall;
    },
    /** Deletes a firewall; one that is already gone is fine. */
    async deleteFirewall(id: string, operation: Operation, signal?: AbortSignal): Promise<void> {
      await client.request({
        method: 'DELETE',
        path: `/v1/firewalls/${encodeURIComponent(id)}`,
        operation,
        allowStatus: [404],
        signal,
      });
    },
  };
}

/** The example cloud's API client. */
export type ExampleApi = ReturnType<typeof createExampleApi>;
