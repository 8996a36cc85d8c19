import type { Price } from '@provision/core';

/**
 * A price in its JSON shape: every field present, `null` where it does not say. A price the cloud
 * does not publish has `source: 'unknown'`, `null` figures and currency, and a `reason`.
 */
export function priceView(price: Price) {
  return {
    monthly: price.monthly ?? null,
    hourly: price.hourly ?? null,
    currency: price.currency ?? null,
    source: price.source,
    checkedAt: price.checkedAt ?? null,
    reason: price.source === 'unknown' ? price.reason : null,
  };
}

export type PriceView = ReturnType<typeof priceView>;

/** A monthly price as `4.00 USD/month`, or `price unknown` where the cloud publishes none. */
export function formatPrice(price: Price | PriceView | null | undefined): string | undefined {
  if (price === undefined || price === null) return undefined;
  if (typeof price.monthly !== 'number' || typeof price.currency !== 'string') return 'price unknown';
  return `${price.monthly.toFixed(2)} ${price.currency}/month`;
}
