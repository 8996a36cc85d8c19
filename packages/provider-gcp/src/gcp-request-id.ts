/**
 * A version 4 UUID for `instances.insert`'s `requestId`: the key GCP deduplicates a repeated insert
 * by for an hour, never a secret, so `Math.random` serves where `node:crypto`'s `randomUUID` would
 * cost the process's first provision about 6 ms of CPU to load the module. Two ids alike need the
 * same 122 random bits.
 */
export function newRequestId(random: () => number = Math.random): string {
  let hex = '';
  for (let index = 0; index < 32; index += 1) {
    const digit = index === 12 ? 4 : index === 16 ? 8 + Math.floor(random() * 4) : Math.floor(random() * 16);
    hex += digit.toString(16);
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
