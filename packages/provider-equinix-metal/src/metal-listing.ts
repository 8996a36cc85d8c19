import type { CallOptions, Operation } from '@provision/core';
import { type JsonClient, listNumberedPages } from '@provision/provider-utils';
import { type Device, devicePage, PAGE_SIZE } from './metal-api.js';

/**
 * Every device of the project matching `query` (`tag`: one tag a device must carry; `metro`), in
 * pages of `PAGE_SIZE`, following `meta.last_page`.
 */
export function listDevices(
  client: JsonClient,
  projectId: string,
  operation: Operation,
  query: Readonly<Record<string, string>> = {},
  options?: CallOptions,
): Promise<Device[]> {
  return listNumberedPages(
    client,
    {
      path: `/projects/${projectId}/devices`,
      query,
      operation,
      schema: devicePage,
      pageQuery: (page) => ({ page, per_page: PAGE_SIZE }),
      read: (data) => ({ items: data.devices, lastPage: data.meta?.last_page ?? undefined }),
      signal: options?.signal,
    },
    { provider: 'equinix-metal' },
  );
}
