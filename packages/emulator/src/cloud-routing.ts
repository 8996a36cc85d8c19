import type { FakeCloud } from '@provision/testkit/fake-cloud';

/** Where one base of one cloud answers: its fake and the base URL the fake was made with. */
export interface CloudTarget {
  readonly provider: string;
  readonly base: string;
  readonly fake: FakeCloud;
  /** The canonical base URL; requests reach the fake rewritten onto it, whichever way they came. */
  readonly url: string;
}

/** A request matched to a target, with the path left for the fake (relative to the base). */
export interface Routed {
  readonly target: CloudTarget;
  readonly rest: string;
}

/** Every target of the running emulator, by provider and base name. */
export type CloudTargets = ReadonlyMap<string, ReadonlyMap<string, CloudTarget>>;

const LOCALHOST_SUFFIX = '.localhost';

/**
 * Routing on the main port:
 * - by Host: `<provider>.localhost` is that cloud at the root, `<base>.<provider>.localhost` one of
 *   its further bases (RFC 6761 reserves `.localhost` for loopback, and these names need no DNS
 *   when the client sets the Host itself);
 * - by path: `/<provider>/...`, or `/<provider>.<base>/...` for a further base.
 * `undefined` when neither names a served cloud.
 */
export function routeShared(
  targets: CloudTargets,
  host: string | undefined,
  path: string,
): Routed | undefined {
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  if (hostname.endsWith(LOCALHOST_SUFFIX)) {
    const labels = hostname.slice(0, -LOCALHOST_SUFFIX.length).split('.');
    const [base, provider] = labels.length === 1 ? ['main', labels[0]] : labels.length === 2 ? labels : [];
    const target = provider === undefined ? undefined : targets.get(provider)?.get(base as string);
    return target === undefined ? undefined : { target, rest: path };
  }
  const first = path.split('/')[1] ?? '';
  const [provider = '', base = 'main', extra] = first.split('.');
  const target = extra === undefined ? targets.get(provider)?.get(base) : undefined;
  return target === undefined ? undefined : { target, rest: path.slice(1 + first.length) };
}

/** The URL the fake sees: the target's base URL, then the rest of the path and the query. */
export function fakeUrl(routed: Routed, search: string): URL {
  const rest = routed.rest.startsWith('/') ? routed.rest : `/${routed.rest}`;
  return new URL(`${routed.target.url}${rest === '/' && search === '' ? '' : rest}${search}`);
}
