/**
 * The Azure Retail Prices API as the fake answers it (`GET /api/retail/prices`, keyless): items of
 * the `Virtual Machines` service for the sizes the fake sells, per region, as Linux, Windows and
 * Spot meters, so a client has to pick the right one. Prices are East US's list prices as the
 * catalog has them, the same in every region.
 * https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices
 */
import { FAKE_LOCATIONS } from './azure-fake-catalog.js';

const LINUX_HOURLY: Readonly<Record<string, number>> = {
  Standard_B1ls: 0.0052,
  Standard_B1s: 0.0104,
  Standard_B1ms: 0.0207,
  Standard_B2ats_v2: 0.0094,
  Standard_B2ts_v2: 0.0104,
  Standard_B2s: 0.0416,
};

function item(size: string, region: string, variant: 'linux' | 'windows' | 'spot', hourly: number) {
  const series = size.includes('_v2') ? 'BSv2 Series' : 'BS Series';
  const short = size.replace('Standard_', '').replace(/_/g, ' ');
  return {
    currencyCode: 'USD',
    tierMinimumUnits: 0,
    retailPrice: variant === 'windows' ? hourly * 1.8 : variant === 'spot' ? hourly * 0.2 : hourly,
    unitPrice: variant === 'windows' ? hourly * 1.8 : variant === 'spot' ? hourly * 0.2 : hourly,
    armRegionName: region,
    location: region,
    effectiveStartDate: '2024-01-01T00:00:00Z',
    meterName: variant === 'spot' ? `${short} Spot` : short,
    productName: `Virtual Machines ${series}${variant === 'windows' ? ' Windows' : ''}`,
    skuName: variant === 'spot' ? `${short} Spot` : short,
    serviceName: 'Virtual Machines',
    serviceFamily: 'Compute',
    unitOfMeasure: '1 Hour',
    type: 'Consumption',
    isPrimaryMeterRegion: true,
    armSkuName: size,
  };
}

/** The items a `$filter` asks for: `armRegionName eq 'x'` and `armSkuName eq 'y'` terms are honoured. */
export function retailPrices(filter: string | null): Record<string, unknown> {
  const regions = [...(filter ?? '').matchAll(/armRegionName eq '([^']*)'/g)].map((match) => match[1]);
  const sizes = [...(filter ?? '').matchAll(/armSkuName eq '([^']*)'/g)].map((match) => match[1]);
  const items = FAKE_LOCATIONS.filter((region) => regions.length === 0 || regions.includes(region)).flatMap(
    (region) =>
      Object.entries(LINUX_HOURLY)
        .filter(([size]) => sizes.length === 0 || sizes.includes(size))
        .flatMap(([size, hourly]) =>
          (['linux', 'windows', 'spot'] as const).map((variant) => item(size, region, variant, hourly)),
        ),
  );
  return {
    BillingCurrency: 'USD',
    CustomerEntityId: 'Default',
    CustomerEntityType: 'Retail',
    Items: items,
    NextPageLink: null,
    Count: items.length,
  };
}
