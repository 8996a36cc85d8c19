import { ProviderApiError, ProvisionError } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { isStillBeingDeleted, STILL_BEING_DELETED, stillBeingDeleted } from './still-being-deleted.js';

describe('stillBeingDeleted', () => {
  it('is one retryable error, worded alike for every cloud, that names the machine and the host', () => {
    const error = stillBeingDeleted({
      provider: 'linode',
      machineKind: 'linode',
      machine: '4242',
      spec: { owner: 'team', name: 'web' },
    });
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: STILL_BEING_DELETED,
      status: 409,
      retryable: true,
      provider: 'linode',
      operation: 'provision',
    });
    expect(error.message).toBe(
      'The linode 4242 that holds the name of the host (team, web) is still being deleted; the cloud refuses another of that name until it is gone. Try again then.',
    );
    expect(isStillBeingDeleted(error)).toBe(true);
  });

  it('tells no other error for it', () => {
    expect(isStillBeingDeleted(new ProvisionError('conflict', 'taken', false))).toBe(false);
    expect(isStillBeingDeleted(new Error('still_being_deleted'))).toBe(false);
  });
});
