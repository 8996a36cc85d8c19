import { describe, expect, it } from 'vitest';
import { longestChain } from './list-at-scale.ts';

describe('longestChain', () => {
  const get = (url: string) => new Request(url);

  it('counts the pages of the longest path, queries aside: side-by-side listings overlap', () => {
    const requests = [
      get(
        'http://127.0.0.1:65535/azure/subscriptions/s/providers/Microsoft.Compute/virtualMachines?api-version=1',
      ),
      get('http://127.0.0.1:65535/azure/subscriptions/s/providers/Microsoft.Network/publicIPAddresses?x=1'),
      get('http://127.0.0.1:65535/azure/subscriptions/s/providers/Microsoft.Compute/virtualMachines?skip=a'),
      get('http://127.0.0.1:65535/azure/subscriptions/s/providers/Microsoft.Compute/virtualMachines?skip=b'),
      get('http://127.0.0.1:65535/azure/subscriptions/s/providers/Microsoft.Network/publicIPAddresses?y=2'),
    ];
    expect(longestChain(requests)).toBe(3);
  });

  it('is the request count of a single cursor listing, and 0 for none', () => {
    const pages = Array.from({ length: 10 }, (_, index) => get(`http://h/v2/instances?cursor=${index}`));
    expect(longestChain(pages)).toBe(10);
    expect(longestChain([])).toBe(0);
  });
});
