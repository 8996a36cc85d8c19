import { ProviderApiError } from '@provision/core';

/**
 * Whether `error` is the cloud's answer with one of `codes` (`ProviderApiError.providerCode`:
 * Hetzner's `uniqueness_error`, EC2's `InvalidGroup.Duplicate`). For the few decisions a provider
 * takes on one exact code; classes of errors are the table's (`cloudErrorClass`).
 */
export function hasProviderCode(error: unknown, ...codes: readonly string[]): boolean {
  return (
    ProviderApiError.isInstance(error) &&
    error.providerCode !== undefined &&
    codes.includes(error.providerCode)
  );
}
