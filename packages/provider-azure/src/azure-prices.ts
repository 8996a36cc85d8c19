import { type CallOptions, filterPlans, type Logger, type Plan, type PlanQuery } from '@provision/core';
import { createJsonClient, defineCloudErrors, resolveEndpoint } from '@provision/provider-utils';
import * as z from 'zod/mini';
import { azureCatalog, hostPrice } from './azure-catalog.js';
import { AZURE_ENV, AZURE_PRICES, type AzureSettings } from './azure-settings.js';
import { VERSION } from './version.js';

const priceItem = z.object({
  currencyCode: z.string(),
  retailPrice: z.number(),
  armSkuName: z.string(),
  armRegionName: z.string(),
  productName: z.nullish(z.string()),
  skuName: z.nullish(z.string()),
  unitOfMeasure: z.nullish(z.string()),
  type: z.nullish(z.string()),
});
const pricePage = z.object({ Items: z.array(priceItem), NextPageLink: z.nullish(z.string()) });

/**
 * `plans()` with live prices: the catalog's sizes (vCPUs, memory) priced by the Azure Retail Prices
 * API, which needs no credential: one `GET` filtered to the region's pay-as-you-go Linux prices of
 * those sizes. The public IPv4 and the OS disk are added from the catalog (they are other meters).
 * https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices
 */
export function azurePrices(
  settings: AzureSettings,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
  defaultRegion: string,
) {
  const client = createJsonClient({
    provider: 'azure',
    version: VERSION,
    baseUrl: () =>
      resolveEndpoint({
        provider: 'azure',
        value: settings.pricesEndpoint,
        setting: 'pricesEndpoint',
        envVar: AZURE_ENV.pricesEndpoint,
        env,
        fallback: AZURE_PRICES,
        allowInsecureHttp: settings.allowInsecureHttp,
      }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    // Keyless: no Authorization header, so no token ever goes there.
    credential: () => 'keyless',
    authorize: () => ({}),
    account: () => 'retail-prices',
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger,
    errors: defineCloudErrors({ provider: 'azure', displayName: 'the Azure Retail Prices API' }),
  });
  return {
    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const region = query.region ?? defaultRegion;
      const sizes = azureCatalog.plans.map((plan) => `armSkuName eq '${plan.id}'`).join(' or ');
      const { data } = await client.request({
        method: 'GET',
        path: '/api/retail/prices',
        query: {
          'api-version': '2023-01-01-preview',
          $filter: `serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq '${region}' and (${sizes})`,
        },
        operation: 'plans',
        schema: pricePage,
        signal: options?.signal,
      });
      // Linux pay-as-you-go only: not the Windows products, not Spot or Low Priority meters.
      const linux = data.Items.filter(
        (item) =>
          item.armRegionName === region &&
          item.unitOfMeasure === '1 Hour' &&
          !/windows/i.test(item.productName ?? '') &&
          !/spot|low priority/i.test(item.skuName ?? ''),
      );
      const plans = azureCatalog.plans.flatMap((plan): Plan[] => {
        const item = linux.find((candidate) => candidate.armSkuName === plan.id);
        if (item === undefined) return [];
        return [
          {
            ...plan,
            regions: [region],
            price: { ...hostPrice(item.retailPrice), currency: item.currencyCode, source: 'live' },
          },
        ];
      });
      return filterPlans(plans, query);
    },
  };
}
