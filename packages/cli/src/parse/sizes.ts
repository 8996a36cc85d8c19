import { UsageError } from '../usage-error.js';

// Clouds name plans "1gb", "2GB" and mean GiB (DigitalOcean's s-1vcpu-2gb has 2048 MiB), so the
// decimal and binary spellings are read the same way here.
const UNIT_MIB: Readonly<Record<string, number>> = {
  m: 1,
  mb: 1,
  mib: 1,
  g: 1024,
  gb: 1024,
  gib: 1024,
  t: 1024 * 1024,
  tb: 1024 * 1024,
  tib: 1024 * 1024,
};

const SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/**
 * Reads a memory size like `512MiB`, `1GiB`, `1.5G` or `2GB` into MiB (rounded up).
 * GB and GiB both mean 1024 MiB, as clouds name their plans.
 * @throws UsageError without a unit or for an unknown unit.
 */
export function parseMemorySize(text: string): number {
  const match = SIZE.exec(text.trim());
  const factor = match === null ? undefined : UNIT_MIB[(match[2] as string).toLowerCase()];
  if (match === null || factor === undefined) {
    throw new UsageError(`"${text}" is not a memory size.`, 'Write a number with a unit: 512MiB, 1GiB, 2GB.');
  }
  return Math.ceil(Number(match[1]) * factor);
}

/** Writes MiB for people: `512 MiB`, `1 GiB`, `1.5 GiB`. */
export function formatMemory(mib: number): string {
  if (mib < 1024) return `${mib} MiB`;
  const gib = mib / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}
