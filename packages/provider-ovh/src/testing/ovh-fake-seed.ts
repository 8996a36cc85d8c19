import { identityWord, readInstanceName } from '../ovh-names.js';
import type { OvhFake } from './ovh-fake.js';

/**
 * Adds managed instances for `hosts` to `fake`, each a copy of the last managed instance it holds
 * (made by provision(): same machine, state and name tags) named as provision() names
 * `(owner, name)`: what a project filled through provision() holds, without its two listings of
 * the whole project per host (OVH filters instances by nothing but region), which make filling
 * 5,000 hosts quadratic. The bench fills its list at scale this way.
 * @throws Error when `fake` holds no managed instance to copy.
 */
export function seedHosts(
  fake: OvhFake,
  hosts: ReadonlyArray<{ readonly name: string; readonly owner: string }>,
): void {
  const template = fake.instances().findLast((instance) => readInstanceName(instance.name) !== undefined);
  if (template === undefined) throw new Error('the fake holds no managed instance to copy');
  const tags = template.name.split(' ').slice(1);
  for (const host of hosts) {
    fake.copyInstance(template.id, [identityWord(host.owner, host.name), ...tags].join(' '));
  }
}
