import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-12-02';
/** Hours in OVH's billing month: hourly instances are billed by the hour, 730 a month. */
export const HOURS_A_MONTH = 730;

function plan(id: string, cpus: number, memoryMiB: number, diskGB: number, hourly: number): Plan {
  return {
    id,
    cpus,
    memoryMiB,
    diskGB,
    // Every Public Cloud instance gets a public IPv4 (and IPv6) on Ext-Net, included in the price.
    publicIpv4: true,
    price: {
      monthly: Math.round(hourly * HOURS_A_MONTH * 100) / 100,
      hourly,
      currency: 'EUR',
      source: 'catalog',
      checkedAt: CHECKED_AT,
    },
  };
}

/**
 * Flavors (plans) of the Discovery (`d2`) and General Purpose (`b3`) ranges, billed by the hour
 * (provision creates instances with `monthlyBilling: false`), prices in EUR excluding VAT from
 * OVHcloud's public price list (ovhSubsidiary FR). The figures could not be confirmed against the
 * live catalog (`GET /order/catalog/public/cloud`) when checked: see docs/providers/ovh.md.
 * https://www.ovhcloud.com/en/public-cloud/prices/
 */
export const ovhCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'EUR',
  plans: [
    plan('d2-2', 1, 2048, 25, 0.0099),
    plan('d2-4', 2, 4096, 50, 0.0198),
    plan('d2-8', 4, 8192, 50, 0.0366),
    plan('b3-8', 2, 8192, 50, 0.0508),
  ],
  // Public Cloud regions (OpenStack region names, upper case). https://www.ovhcloud.com/en/public-cloud/regions-availability/
  regions: [
    { id: 'GRA11', name: 'Gravelines, France', available: true },
    { id: 'GRA9', name: 'Gravelines, France', available: true },
    { id: 'SBG5', name: 'Strasbourg, France', available: true },
    { id: 'RBX-A', name: 'Roubaix, France', available: true },
    { id: 'DE1', name: 'Frankfurt, Germany', available: true },
    { id: 'UK1', name: 'London, United Kingdom', available: true },
    { id: 'WAW1', name: 'Warsaw, Poland', available: true },
    { id: 'BHS5', name: 'Beauharnois, Canada', available: true },
    { id: 'SGP1', name: 'Singapore', available: true },
    { id: 'SYD1', name: 'Sydney, Australia', available: true },
  ],
  // OS id -> the name of OVH's own public image (`visibility: public`, published by OVHcloud for
  // every region). Image ids differ per region, so provision() resolves the name in the region.
  images: {
    'ubuntu-24.04': 'Ubuntu 24.04',
    'ubuntu-22.04': 'Ubuntu 22.04',
    'debian-12': 'Debian 12',
  },
};
