import { createIdTemplate } from '@provision/provider-utils';

const RFC1035 = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Host ids: the instance's own resource path, `projects/<project>/zones/<zone>/instances/<name>`,
 * which every later call needs and nothing else: the per-host firewall's name is derived from it
 * (`gcp-names.ts`), and a failed insert is found by the operation that targeted it.
 */
export const gcpIds = createIdTemplate({
  provider: 'gcp',
  template: 'projects/{project}/zones/{zone}/instances/{instance}',
  parts: {
    project: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    zone: /^[a-z]+-[a-z]+\d+-[a-z]$/,
    instance: RFC1035,
  },
});

/** The parts of a host id. */
export type GcpInstanceRef = { project: string; zone: string; instance: string };

/** The API path of an instance. */
export function instancePath(ref: GcpInstanceRef): string {
  return `/projects/${ref.project}/zones/${ref.zone}/instances/${ref.instance}`;
}

/** The last segment of a resource URL (`.../zones/us-central1-a` -> `us-central1-a`). */
export function lastSegment(url: string | null | undefined): string {
  return (url ?? '').split('/').pop() ?? '';
}
