export type { EmulatedEndpoint, EmulatorOptions, RunningEmulator } from './emulator-options.js';
export {
  type DiscoveredClouds,
  type DiscoverOptions,
  discoverEmulatedClouds,
  findEmulatedClouds,
  type SkippedPackage,
} from './find-emulated-clouds.js';
export { type RunUntilSignalOptions, runUntilSignal } from './run-until-signal.js';
export { startEmulator } from './start-emulator.js';
