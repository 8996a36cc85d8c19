import {
  type EmulatorOptions,
  findEmulatedClouds,
  type RunningEmulator,
  startEmulator,
} from '@provision/emulator';
import { DIGITALOCEAN_FAKE_TOKEN } from '@provision/provider-digitalocean/testing';
import { PACKAGE_DIR } from './run-cli.js';

/** The fake DigitalOcean token the emulator accepts: no output may ever contain it. */
export const FAKE_TOKEN = DIGITALOCEAN_FAKE_TOKEN;

/** A real emulator on a free 127.0.0.1 port, serving the providers installed for this package. */
export async function startTestEmulator(options: Omit<EmulatorOptions, 'clouds' | 'port'> = {}): Promise<{
  emulator: RunningEmulator;
  env: Record<string, string>;
}> {
  const clouds = await findEmulatedClouds({ from: [PACKAGE_DIR] });
  const emulator = await startEmulator({ ...options, clouds, port: 0 });
  const env = { ...emulator.env };
  if (env.DIGITALOCEAN_TOKEN !== FAKE_TOKEN)
    throw new Error('the emulator env lacks the fake DigitalOcean token');
  return { emulator, env };
}
