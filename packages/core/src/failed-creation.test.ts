import { describe, expect, it } from 'vitest';
import { failedCreationHost } from './failed-creation.js';

describe('failedCreationHost', () => {
  it('reports error with the reason and what is known, and nothing invented', () => {
    expect(
      failedCreationHost({
        id: '123',
        provider: 'sample',
        reason: 'the hypervisor refused the machine',
        nativeStatus: 'errored',
        region: 'r1',
      }),
    ).toEqual({
      id: '123',
      provider: 'sample',
      name: '',
      owner: '',
      status: 'error',
      nativeStatus: 'errored',
      region: 'r1',
      plan: '',
      tags: {},
      firewalled: false,
      error: 'the hypervisor refused the machine',
    });
  });
});
