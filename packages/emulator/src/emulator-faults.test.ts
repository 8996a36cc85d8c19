import type { EmulatedCloud, FaultKind, HandleOptions } from '@provision/testkit/fake-cloud';
import { afterEach, describe, expect, it } from 'vitest';
import { WidgetCloud, widgetCloud } from './__fixtures__/widget-cloud.js';
import type { RunningEmulator } from './emulator-options.js';
import { createFaultDice } from './fault-dice.js';
import { startEmulator } from './start-emulator.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

type Outcome = { status: number; retryAfter: string | null } | 'rejected';

/** Creates widgets one after another and says what the client saw each time. */
async function createWidgets(emulator: RunningEmulator, count: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let index = 0; index < count; index += 1) {
    try {
      const response = await fetch(`${emulator.url}/widgets/v1/widgets`, {
        method: 'POST',
        body: JSON.stringify({ name: `w${index}` }),
      });
      await response.arrayBuffer();
      outcomes.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
    } catch {
      outcomes.push('rejected');
    }
  }
  return outcomes;
}

async function rehearse(seed: number, count = 24) {
  const lines: string[] = [];
  const emulator = await startEmulator({
    clouds: [widgetCloud()],
    faultRate: 1,
    seed,
    log: (line) => lines.push(line),
  });
  running.push(emulator);
  const outcomes = await createWidgets(emulator, count);
  const fake = emulator.fake('widgets') as WidgetCloud;
  return { outcomes, fake, lines, kinds: fake.requests.map((entry) => entry.fault) };
}

describe('random faults', () => {
  it('with faultRate 1 every request fails with the kind the fake logged', async () => {
    const { outcomes, fake, kinds, lines } = await rehearse(42);
    expect(fake.requests).toHaveLength(24);
    expect(new Set(kinds)).toEqual(
      new Set<FaultKind>(['http-500', 'rate-limit', 'connection-reset', 'lost-response']),
    );
    outcomes.forEach((outcome, index) => {
      const kind = kinds[index];
      if (kind === 'http-500') expect(outcome).toEqual({ status: 500, retryAfter: null });
      else if (kind === 'rate-limit') expect(outcome).toEqual({ status: 429, retryAfter: '1' });
      else expect(outcome).toBe('rejected');
      const expected = kind === 'http-500' ? '500' : kind === 'rate-limit' ? '429' : 'reset';
      expect(lines[index]).toMatch(new RegExp(`^POST /widgets/v1/widgets ${expected} \\d+ms$`));
    });
    // Only a lost response commits: the cloud created the widget, the client never heard.
    const lost = kinds.filter((kind) => kind === 'lost-response').length;
    expect(fake.widgets.size).toBe(lost);
  });

  it('the same seed replays the same faults; another seed does not', async () => {
    const first = await rehearse(7);
    const second = await rehearse(7);
    const other = await rehearse(8);
    expect(second.kinds).toEqual(first.kinds);
    expect(other.kinds).not.toEqual(first.kinds);
  });

  it('faultRate 0 injects nothing', async () => {
    const emulator = await startEmulator({ clouds: [widgetCloud()], seed: 1 });
    running.push(emulator);
    const outcomes = await createWidgets(emulator, 10);
    expect(outcomes).toEqual(Array.from({ length: 10 }, () => ({ status: 201, retryAfter: null })));
  });
});

/** A widget cloud that holds the first request at its door until `open()` is called. */
class GatedWidgetCloud extends WidgetCloud {
  readonly #gate = Promise.withResolvers<void>();
  readonly firstArrived = Promise.withResolvers<void>();
  #calls = 0;

  open(): void {
    this.#gate.resolve();
  }

  override async handle(request: Request, options?: HandleOptions) {
    this.#calls += 1;
    if (this.#calls === 1) {
      this.firstArrived.resolve();
      await this.#gate.promise;
    }
    return super.handle(request, options);
  }
}

/** The first seed whose dice fault the first request with `kind` and spare the second. */
function seedFaultingOnlyTheFirst(rate: number, kind: FaultKind): number {
  for (let seed = 0; ; seed += 1) {
    const dice = createFaultDice(rate, seed);
    if (dice() === kind && dice() === undefined) return seed;
  }
}

describe('faults under concurrency', () => {
  it('a request keeps the fault the dice rolled for it while another overtakes it', async () => {
    const gated = new GatedWidgetCloud({ baseUrl: 'http://placeholder.test/widgets' });
    const cloud: EmulatedCloud = { ...widgetCloud(), create: () => gated };
    const emulator = await startEmulator({
      clouds: [cloud],
      faultRate: 0.5,
      seed: seedFaultingOnlyTheFirst(0.5, 'http-500'),
    });
    running.push(emulator);
    const echo = (body: string) => fetch(`${emulator.url}/widgets/v1/echo`, { method: 'POST', body });
    // The first request rolls a fault, then waits at the fake's door; the second, rolled clean,
    // overtakes it. Were faults queued on the shared fake, the second would take the first's.
    const first = echo('first');
    await gated.firstArrived.promise;
    const second = await echo('second');
    expect(second.status).toBe(202);
    gated.open();
    expect((await first).status).toBe(500);
    expect(gated.requests.map((entry) => [entry.body, entry.fault])).toEqual([
      ['second', undefined],
      ['first', 'http-500'],
    ]);
    expect(gated.pendingFaults).toEqual([]);
  });
});
