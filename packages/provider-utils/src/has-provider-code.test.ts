import { InvalidRequestError, ProviderApiError } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { hasProviderCode } from './has-provider-code.js';

describe('hasProviderCode', () => {
  it("is true only for the cloud's answer carrying one of the codes", () => {
    const taken = new ProviderApiError('taken', { providerCode: 'uniqueness_error', status: 409 });
    expect(hasProviderCode(taken, 'uniqueness_error')).toBe(true);
    expect(hasProviderCode(taken, 'locked', 'uniqueness_error')).toBe(true);
    expect(hasProviderCode(taken, 'locked')).toBe(false);
    expect(hasProviderCode(new ProviderApiError('no code', { status: 500 }), 'uniqueness_error')).toBe(false);
    expect(hasProviderCode(new InvalidRequestError('bad input'), 'uniqueness_error')).toBe(false);
    expect(hasProviderCode({ providerCode: 'uniqueness_error' }, 'uniqueness_error')).toBe(false);
  });
});
