import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A machine as the small cloud answers it: tagged with one identity, born inside a group or none. */
export interface Machine {
  id: number;
  identity: string;
  plan: string;
  region: string;
  image: string;
  group: string | null;
  created_at: string;
}

/** What the next create meets: applied with its answer lost (reset, 500), or not applied at all. */
export type CreateFault = 'reset-after-commit' | '500-after-commit' | '500' | 'refused' | 'limit-reached';

/**
 * A small cloud over real HTTP on 127.0.0.1, as a cloud with no idempotency token behaves:
 * `GET /machines?identity=` lists the machines carrying a tag, `POST /machines` makes one (no
 * token: every accepted create is a machine), `DELETE /machines/{id}`, and `POST`/`DELETE
 * /groups` for what a machine is born inside. Faults apply to the next creates; lookups can be
 * held until several callers have asked (so racers all miss), or lag behind creates (a listing
 * that does not show a new machine yet). Every request is logged.
 */
export class SmallCloud {
  readonly machines = new Map<number, Machine>();
  readonly groups = new Set<string>();
  readonly log: string[] = [];
  createFaults: CreateFault[] = [];
  /** `true`: a second machine of one identity is refused (409), as Civo's unique hostnames are. */
  uniqueIdentities = false;
  /** Machines the listings leave out, by id, for so many listings more (a listing that lags behind). */
  readonly lagging = new Map<number, number>();
  /** Called with a machine a create has just made. */
  afterCreate: ((machine: Machine) => void) | undefined;
  /** Called when a create arrives, before it is applied (to abort the caller there). */
  onCreate: (() => void) | undefined;
  private made = 0;
  private held: Array<() => void> = [];
  private holdUntil = 0;

  reset() {
    this.machines.clear();
    this.groups.clear();
    this.log.length = 0;
    this.createFaults = [];
    this.uniqueIdentities = false;
    this.lagging.clear();
    this.onCreate = undefined;
    this.afterCreate = undefined;
    this.held = [];
    this.holdUntil = 0;
  }

  /** Holds the next `count` lookups until all of them have arrived, then answers them together. */
  holdLookups(count: number) {
    this.holdUntil = count;
  }

  /** A machine made outside this call: a racer's, or an earlier call's. */
  add(identity: string, fields: Partial<Machine> = {}): Machine {
    return this.make({
      identity,
      plan: 'small',
      region: 'east',
      image: 'ubuntu-24-04',
      group: null,
      ...fields,
    });
  }

  private make(fields: Omit<Machine, 'id' | 'created_at'> & Partial<Machine>): Machine {
    this.made += 1;
    const machine: Machine = {
      id: fields.id ?? 100 + this.made,
      created_at: fields.created_at ?? new Date(Date.UTC(2026, 11, 1, 0, 0, this.made)).toISOString(),
      ...fields,
    } as Machine;
    this.machines.set(machine.id, machine);
    return machine;
  }

  handle(request: IncomingMessage, body: string, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://cloud');
    this.log.push(`${request.method} ${url.pathname}`);
    const send = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'GET' && url.pathname === '/machines') {
      const identity = url.searchParams.get('identity');
      const snapshot = [...this.machines.values()].filter((machine) => {
        const lag = this.lagging.get(machine.id) ?? 0;
        if (lag > 0) this.lagging.set(machine.id, lag - 1);
        return machine.identity === identity && lag === 0;
      });
      const answer = () => send(200, { machines: snapshot });
      if (this.holdUntil === 0) return answer();
      this.held.push(answer);
      if (this.held.length < this.holdUntil) return;
      const waiting = this.held;
      this.held = [];
      this.holdUntil = 0;
      for (const release of waiting) release();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/machines') {
      this.onCreate?.();
      const wanted = JSON.parse(body) as Omit<Machine, 'id' | 'created_at'>;
      const fault = this.createFaults.shift();
      if (fault === 'refused') return send(422, { message: 'plan not offered here' });
      if (fault === '500') return send(500, { message: 'try again' });
      if (this.uniqueIdentities && [...this.machines.values()].some((m) => m.identity === wanted.identity))
        return send(409, { message: 'hostname taken' });
      if (fault === 'limit-reached' && this.machines.size > 0)
        return send(403, { message: 'machine limit reached' });
      const machine = this.make(wanted);
      this.afterCreate?.(machine);
      if (fault === 'reset-after-commit') return request.socket.destroy();
      if (fault === '500-after-commit') return send(500, { message: 'internal error' });
      return send(201, machine);
    }
    const machineId = /^\/machines\/(\d+)$/.exec(url.pathname)?.[1];
    if (request.method === 'DELETE' && machineId !== undefined) {
      const found = this.machines.delete(Number(machineId));
      return found ? send(204, {}) : send(404, { message: 'not found' });
    }
    if (request.method === 'POST' && url.pathname === '/groups') {
      const id = `g-${this.groups.size + 1}`;
      this.groups.add(id);
      return send(201, { id });
    }
    const groupId = /^\/groups\/([\w-]+)$/.exec(url.pathname)?.[1];
    if (request.method === 'DELETE' && groupId !== undefined) {
      this.groups.delete(groupId);
      return send(204, {});
    }
    send(404, { message: 'no such route' });
  }
}

/** Serves `cloud` on 127.0.0.1; answers its base URL and how to stop it. */
export async function serveSmallCloud(
  cloud: SmallCloud,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => cloud.handle(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
