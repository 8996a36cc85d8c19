import { DIGITALOCEAN_FAKE_TOKEN } from './testing/index.js';

const API = 'https://api.digitalocean.com/v2';
const headers = { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' };

/**
 * A droplet made through the API with `tags`, outside provision: as a provision() that crashed
 * after its create, or an earlier version, leaves it; `name` is the droplet's. Its id.
 */
export async function dropletWithTags(tags: readonly string[], name = 'web'): Promise<string> {
  const response = await fetch(`${API}/droplets`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name,
      region: 'nyc1',
      size: 's-1vcpu-512mb-10gb',
      image: 'ubuntu-26-04-x64',
      tags,
    }),
  });
  if (response.status !== 202) throw new Error(`droplet create answered ${response.status}`);
  return String(((await response.json()) as { droplet: { id: number } }).droplet.id);
}

/** Destroys a droplet through the API, outside provision (the console, another tool). */
export async function destroyDroplet(dropletId: string): Promise<void> {
  await fetch(`${API}/droplets/${dropletId}`, { method: 'DELETE', headers });
}
