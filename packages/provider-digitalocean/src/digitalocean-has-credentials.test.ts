import { describe, expect, it } from 'vitest';
import { digitaloceanPlugin } from './digitalocean-plugin.js';

describe('digitaloceanPlugin.hasCredentials', () => {
  it('is true when either token variable is set, false otherwise', () => {
    expect(digitaloceanPlugin.hasCredentials?.({ DIGITALOCEAN_TOKEN: 'dop_v1_x' })).toBe(true);
    expect(digitaloceanPlugin.hasCredentials?.({ DIGITALOCEAN_ACCESS_TOKEN: 'dop_v1_x' })).toBe(true);
    expect(digitaloceanPlugin.hasCredentials?.({ DIGITALOCEAN_TOKEN: ' ' })).toBe(false);
    expect(digitaloceanPlugin.hasCredentials?.({ DIGITALOCEAN_API_URL: 'http://127.0.0.1:1' })).toBe(false);
  });
});
