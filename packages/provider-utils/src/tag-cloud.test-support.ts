/** A machine as the tag cloud answers it. */
export interface TagMachine {
  id: string;
  hostname: string;
  state: string;
  tags: string[];
  region: string;
  plan: string;
  ipv4: string | null;
  created_at: string;
  /** The firewall it was created behind, if any. */
  firewall_id: string | null;
}

/** A firewall as the tag cloud answers it: names are unique. */
export interface TagFirewall {
  id: string;
  name: string;
  /** The tag whose machines it guards too, made before any machine carries it; `null`: none. */
  tag?: string | null;
}

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/**
 * A small REST cloud with flat string tags, answering `fetch` in memory (no network):
 * `GET /machines?tag=&region=` lists the machines carrying a tag, `GET`/`DELETE /machines/{id}`,
 * `POST /machines` makes one (no idempotency token), `POST /machines/{id}/actions` takes
 * `{ type }`. A DELETE marks the machine `deleting`; `finishDeletes()` makes it gone. Firewalls:
 * `GET /firewalls?name=`, `POST /firewalls` (`{ name, tag? }`, 409 when taken), `PUT /firewalls/{id}`
 * (`{ name }`), `DELETE /firewalls/{id}` (409 while a machine, even one being deleted, is behind
 * it); a machine is created behind one with `firewall_id`, and is behind every firewall whose
 * `tag` it carries. Every request is logged as
 * `METHOD path?query`, and every body received is kept.
 */
export class TagCloud {
  readonly machines = new Map<string, TagMachine>();
  readonly firewalls = new Map<string, TagFirewall>();
  readonly log: string[] = [];
  readonly bodies: unknown[] = [];
  /** `true`: a create is refused (422), its answer quoting the body it was sent, as some APIs do. */
  refuseCreates = false;
  /** `true`: a machine's create answers 503 and makes nothing (its outcome is unknown to the caller). */
  unavailableCreates = false;
  /** `true`: a firewall's create is refused (422). */
  refuseFirewalls = false;
  /** Called with each machine a create has just made (a racer may add its own then). */
  afterCreate: ((machine: TagMachine) => void) | undefined;
  private made = 0;
  private firewallsMade = 0;

  /** A machine made outside the call under test. */
  add(fields: Partial<TagMachine> = {}): TagMachine {
    this.made += 1;
    const machine: TagMachine = {
      id: `m-${this.made}`,
      hostname: `machine-${this.made}`,
      state: 'running',
      tags: [],
      region: 'east',
      plan: 'small',
      ipv4: `203.0.113.${this.made}`,
      created_at: new Date(Date.UTC(2026, 11, 1, 0, 0, this.made)).toISOString(),
      firewall_id: null,
      ...fields,
    };
    this.machines.set(machine.id, machine);
    return machine;
  }

  /** Machines marked `deleting` are gone. */
  finishDeletes() {
    for (const [id, machine] of this.machines) if (machine.state === 'deleting') this.machines.delete(id);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    this.log.push(`${request.method} ${url.pathname}${url.search}`);
    const body = request.method === 'POST' || request.method === 'PUT' ? await request.json() : undefined;
    if (body !== undefined) this.bodies.push(body);
    const [, collection, id, action] = url.pathname.split('/');
    if (collection === 'firewalls') return this.#firewalls(request.method, id, url, body);
    if (collection !== 'machines') return json(404, { error: 'no such path' });
    const machine = id === undefined ? undefined : this.machines.get(id);
    if (id !== undefined && machine === undefined) return json(404, { error: 'not found' });
    if (machine !== undefined && action === 'actions') {
      const { type } = body as { type: string };
      machine.state = type === 'off' ? 'stopping' : 'running';
      return json(204, undefined);
    }
    if (machine !== undefined && request.method === 'DELETE') {
      machine.state = 'deleting';
      return json(204, undefined);
    }
    if (machine !== undefined) return json(200, machine);
    if (request.method === 'POST' && this.refuseCreates)
      return json(422, { error: `invalid machine: ${JSON.stringify(body)}` });
    if (request.method === 'POST' && this.unavailableCreates) return json(503, { error: 'try again' });
    if (request.method === 'POST') {
      const { hostname, tags, region, plan, firewall_id } = body as Pick<
        TagMachine,
        'hostname' | 'tags' | 'region' | 'plan'
      > & { firewall_id?: string };
      const made = this.add({
        hostname,
        tags,
        region,
        plan,
        state: 'starting',
        ipv4: null,
        firewall_id: firewall_id ?? null,
      });
      this.afterCreate?.(made);
      return json(201, made);
    }
    const tag = url.searchParams.get('tag');
    const region = url.searchParams.get('region');
    const listed = [...this.machines.values()].filter(
      (candidate) =>
        (tag === null || candidate.tags.includes(tag)) && (region === null || candidate.region === region),
    );
    return json(200, { machines: listed });
  };

  #firewalls(method: string, id: string | undefined, url: URL, body: unknown): Response {
    if (id === undefined && method === 'POST' && this.refuseFirewalls)
      return json(422, { error: 'too many firewalls' });
    if (id === undefined && method === 'POST') {
      const { name, tag } = body as { name: string; tag?: string };
      if ([...this.firewalls.values()].some((firewall) => firewall.name === name))
        return json(409, { error: 'name taken' });
      this.firewallsMade += 1;
      const firewall = { id: `fw-${this.firewallsMade}`, name, tag: tag ?? null };
      this.firewalls.set(firewall.id, firewall);
      return json(201, firewall);
    }
    if (id === undefined) {
      const name = url.searchParams.get('name');
      const listed = [...this.firewalls.values()].filter(
        (firewall) => name === null || firewall.name === name,
      );
      return json(200, { firewalls: listed });
    }
    const firewall = this.firewalls.get(id);
    if (firewall === undefined) return json(404, { error: 'not found' });
    if (method === 'PUT') {
      firewall.name = (body as { name: string }).name;
      return json(200, firewall);
    }
    if (
      [...this.machines.values()].some(
        (machine) =>
          machine.firewall_id === id ||
          (typeof firewall.tag === 'string' && machine.tags.includes(firewall.tag)),
      )
    )
      return json(409, { error: 'in use' });
    this.firewalls.delete(id);
    return json(204, undefined);
  }
}
