import type { CallOptions, Host } from '@provision/core';
import { getIfFound } from './get-if-found.js';
import type { HttpClient } from './http-client-options.js';
import { type PowerOperation, powerAction } from './power-action.js';
import type { ResponseSchema } from './response-schema.js';

/** A power action on an HTTP API: one POST that starts it, one GET that reads the host. */
export interface RequestPowerActionInput<Data> {
  /** Plugin id, for the `HostNotFoundError`. */
  readonly provider: string;
  /** The host's id, as the caller gave it. */
  readonly id: string;
  readonly operation: PowerOperation;
  /** Where the action is POSTed, e.g. `/servers/42/actions/poweroff`; a 404 there means the host is gone. */
  readonly actionPath: string;
  /** The action's JSON body, when the cloud wants one (DigitalOcean's `{ type }`). */
  readonly actionBody?: unknown;
  /** Where the host is read after it, e.g. `/servers/42`; a 404 there means the host is gone. */
  readonly hostPath: string;
  /** Checks the read's answer. */
  readonly schema: ResponseSchema<Data>;
  /** The host in the read's answer. */
  readonly toHost: (data: Data) => Host;
  /** Whether an error of the action means this very action is already under way (Hetzner's `locked`). */
  readonly isUnderWay?: ((error: unknown) => boolean) | undefined;
}

/**
 * `powerAction` over a JSON API: POSTs `actionPath` (marked idempotent: powering on a running
 * host changes nothing, so a retry after a lost answer is harmless), then GETs `hostPath` once;
 * a 404 from either is `HostNotFoundError`. The answer of the action is not read: its effect
 * shows in the host's status, now (see `afterPowerAction`) and on later `status()` calls.
 */
export function requestPowerAction<Data>(
  client: Pick<HttpClient, 'request'>,
  input: RequestPowerActionInput<Data>,
  options?: CallOptions,
): Promise<Host> {
  const { operation } = input;
  const signal = options?.signal;
  return powerAction({
    provider: input.provider,
    id: input.id,
    operation,
    send: async () => {
      const answer = await client.request({
        method: 'POST',
        path: input.actionPath,
        ...(input.actionBody === undefined ? {} : { body: input.actionBody }),
        operation,
        allowStatus: [404],
        idempotent: true,
        signal,
      });
      return answer.status === 404 ? 'gone' : undefined;
    },
    read: async () => {
      const data = await getIfFound(client, {
        path: input.hostPath,
        operation,
        schema: input.schema,
        signal,
      });
      return data === undefined ? undefined : input.toHost(data);
    },
    isUnderWay: input.isUnderWay,
  });
}
