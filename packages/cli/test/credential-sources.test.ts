import { pathToFileURL } from 'node:url';
import type { AnyPluginManifest } from '@provision/core';
import { findPluginPackages } from '@provision/core/discovery';
import { type CredentialCase, checkCredentialSources } from '@provision/testkit/credential-sources';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from './run-cli.js';

// `provision providers` answers "credentials found" from each provider's declaration, without its
// code; here each declaration meets its provider's `hasCredentials` in the same situations: the
// cases the declaration implies, and a config file of each CLI the code reads, as that CLI writes it.
const CONFIG_FILES: Readonly<Record<string, readonly CredentialCase[]>> = {
  aws: [
    { label: 'a shared credentials file', files: { '~/.aws/credentials': '[default]\n' }, expected: true },
  ],
  azure: [
    {
      label: "the Azure CLI's profile with a subscription",
      env: { PATH: '/usr/bin' },
      files: { '~/.azure/azureProfile.json': '\uFEFF{"subscriptions":[{"id":"s-1","isDefault":true}]}' },
      expected: true,
    },
  ],
  civo: [
    {
      label: "the civo CLI's current key",
      files: { '~/.civo.json': '{"apikeys":{"main":"key-1"},"meta":{"current_apikey":"main"}}' },
      expected: true,
    },
  ],
  'equinix-metal': [
    {
      label: "the metal CLI's token and project",
      files: { '~/.config/equinix/metal.yaml': 'token: key-1\nproject-id: project-1\n' },
      expected: true,
    },
    {
      label: "a token in the variable, the project in the metal CLI's file",
      env: { METAL_AUTH_TOKEN: 'key-1' },
      files: { '~/.config/equinix/metal.yaml': 'project-id: project-1\n' },
      expected: true,
    },
  ],
  gcp: [
    {
      label: "gcloud's application default credentials",
      files: { '~/.config/gcloud/application_default_credentials.json': '{"type":"authorized_user"}' },
      expected: true,
    },
  ],
  hetzner: [
    {
      label: "the hcloud CLI's active context",
      files: {
        '~/.config/hcloud/cli.toml':
          'active_context = "main"\n\n[[contexts]]\n  name = "main"\n  token = "key-1"\n',
      },
      expected: true,
    },
  ],
  linode: [
    {
      label: "linode-cli's default user",
      files: { '~/.config/linode-cli': '[DEFAULT]\ndefault-user = me\n\n[me]\ntoken = key-1\n' },
      expected: true,
    },
  ],
  openstack: [
    {
      label: 'OS_CLOUD naming an entry of clouds.yaml',
      env: { OS_CLOUD: 'mine' },
      files: {
        '~/.config/openstack/clouds.yaml':
          'clouds:\n  mine:\n    auth:\n      auth_url: https://keystone.example/v3\n      username: me\n      password: secret-1\n      project_name: p\n',
      },
      expected: true,
    },
    {
      label: 'an application credential id without its secret, beside a password',
      env: {
        OS_AUTH_URL: 'https://keystone.example/v3',
        OS_USERNAME: 'me',
        OS_PASSWORD: 'secret-1',
        OS_PROJECT_NAME: 'p',
        OS_APPLICATION_CREDENTIAL_ID: 'app-1',
      },
      expected: false,
    },
  ],
  ovh: [
    {
      label: 'the keys in ~/.ovh.conf, the project in its variable',
      env: { OVH_CLOUD_PROJECT_SERVICE: 'project-1' },
      files: {
        '~/.ovh.conf':
          '[default]\nendpoint=ovh-eu\n\n[ovh-eu]\napplication_key=a-1\napplication_secret=s-1\nconsumer_key=c-1\n',
      },
      expected: true,
    },
  ],
  scaleway: [
    {
      label: "the scw CLI's profile",
      files: { '~/.config/scw/config.yaml': 'secret_key: 11111111-1111-4111-8111-111111111111\n' },
      expected: true,
    },
  ],
  vultr: [
    { label: "vultr-cli's key", files: { '~/.vultr-cli.yaml': 'api-key: KEY0123456789\n' }, expected: true },
  ],
};

const packages = findPluginPackages([PACKAGE_DIR]).filter((pkg) => pkg.packageName.startsWith('@provision/'));

async function manifestOf(entry: string, provider: string): Promise<AnyPluginManifest> {
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  return Object.values(module).find(
    (value) => (value as { id?: unknown } | null)?.id === provider,
  ) as AnyPluginManifest;
}

describe('each provider’s credential declaration gives its hasCredentials answer', () => {
  it('covers every first-party provider', () => {
    expect(packages.map((pkg) => pkg.provider).sort()).toEqual(
      Object.keys({ digitalocean: 1, ...CONFIG_FILES }).sort(),
    );
  });

  it.each(packages.map((pkg) => [pkg.provider, pkg] as const))('%s', async (provider, pkg) => {
    const manifest = await manifestOf(pkg.entry, provider);
    const report = await checkCredentialSources(manifest, CONFIG_FILES[provider] ?? []);
    expect(report.disagreements).toEqual([]);
    // The declaration decides the cases of variables alone (no import for them), never all by deferring.
    expect(report.cases.filter((item) => item.declared !== undefined).length).toBeGreaterThan(2);
  });
});
