/** npm packages that belong to one cloud's SDK, by provider id. */
export const CLOUD_SDKS: Readonly<Record<string, RegExp>> = {
  aws: /^@aws-sdk\/|^@smithy\/|^@aws-crypto\//,
  gcp: /^@google-cloud\/|^google-gax$|^google-auth-library$|^gcp-metadata$/,
  azure: /^@azure\//,
  scaleway: /^@scaleway\//,
  linode: /^@linode\//,
  ovh: /^@ovhcloud\//,
  digitalocean: /^@digitalocean\/|^dots-wrapper$/,
};

/** The cloud an SDK package belongs to, if any. */
export function cloudOf(packageName: string): string | undefined {
  return Object.entries(CLOUD_SDKS).find(([, pattern]) => pattern.test(packageName))?.[0];
}

/** The SDK packages among `packages`, grouped by cloud: `{ aws: ['@aws-sdk/client-ec2', ...] }`. */
export function sdksAmong(packages: readonly string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const name of packages) {
    const cloud = cloudOf(name);
    if (cloud !== undefined) found[cloud] = [...(found[cloud] ?? []), name];
  }
  return found;
}
