import { describe, expect, it } from 'vitest';
// A second copy of these classes: core's build output, as a bundle that carries its own copy of
// core (a provider's, the CLI's) has one.
import * as otherErrors from '../../dist/errors/errors.js';
import * as otherBase from '../../dist/errors/provision-error.js';
import {
  HostNotFoundError,
  InvalidRequestError,
  ProviderApiError,
  RateLimitError,
  WaitTimeoutError,
} from './errors.js';
import { ProvisionError } from './provision-error.js';

const other = { ...otherErrors, ...otherBase };

describe('errors across copies of core', () => {
  it('the two copies are different classes', () => {
    expect(other.HostNotFoundError).not.toBe(HostNotFoundError);
    expect(Object.getPrototypeOf(new other.HostNotFoundError('h1'))).not.toBe(HostNotFoundError.prototype);
  });

  it("an error from the other copy is instanceof this copy's class and its base, by its brand", () => {
    const error: unknown = new other.HostNotFoundError('h1', { provider: 'hetzner' });
    expect(error instanceof HostNotFoundError).toBe(true);
    expect(error instanceof ProvisionError).toBe(true);
    expect(error instanceof Error).toBe(true);
    expect(HostNotFoundError.isInstance(error)).toBe(true);
    // and of no other class
    expect(error instanceof RateLimitError).toBe(false);
    expect(error instanceof InvalidRequestError).toBe(false);
    expect(error instanceof WaitTimeoutError).toBe(false);
  });

  it("this copy's errors are instanceof the other copy's classes too", () => {
    const error: unknown = new RateLimitError('slow down', { retryAfterMs: 1000 });
    expect(error instanceof other.RateLimitError).toBe(true);
    expect(error instanceof other.ProvisionError).toBe(true);
    expect(error instanceof other.HostNotFoundError).toBe(false);
  });

  it('nothing but a branded error is an instance', () => {
    for (const value of [undefined, null, 'host_not_found', {}, new Error('Host h1 was not found.')]) {
      expect(value instanceof HostNotFoundError).toBe(false);
      expect(value instanceof ProvisionError).toBe(false);
    }
    // An object that copies the fields but not the brand is not one either.
    const lookalike = Object.assign(new Error('x'), { code: 'host_not_found', name: 'HostNotFoundError' });
    expect(lookalike instanceof HostNotFoundError).toBe(false);
  });

  it('a subclass without an isInstance of its own is matched by its prototype only', () => {
    class DropletLockedError extends ProviderApiError {}
    const locked: unknown = new DropletLockedError('locked', { status: 423 });
    expect(locked instanceof DropletLockedError).toBe(true);
    expect(locked instanceof ProviderApiError).toBe(true);
    expect(locked instanceof other.ProviderApiError).toBe(true);
    // Its parent's instances, from either copy, are not instances of it.
    expect(new ProviderApiError('boom') instanceof DropletLockedError).toBe(false);
    expect(new other.ProviderApiError('boom') instanceof DropletLockedError).toBe(false);
  });
});
