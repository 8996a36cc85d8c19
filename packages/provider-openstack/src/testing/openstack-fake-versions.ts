import { json } from './openstack-fake-wire.js';

// The version documents clients discover each service with (openstacksdk asks before its first
// call): https://docs.openstack.org/api-ref/compute/#list-all-major-versions and the like.

const UPDATED = '2013-07-23T11:33:21Z';

/** Version documents of the services of one region, under `baseUrl`. */
export function versionDocuments(baseUrl: string, maxMicroversion: string) {
  const nova = (region: string) => ({
    id: 'v2.1',
    status: 'CURRENT',
    version: maxMicroversion,
    min_version: '2.1',
    updated: UPDATED,
    links: [{ rel: 'self', href: `${baseUrl}/compute/${region}/v2.1/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
  });
  return {
    computeVersions: (region: string) => json({ versions: [nova(region)] }),
    computeVersion: (region: string) => json({ version: nova(region) }),
    networkVersions: (region: string) =>
      json({
        versions: [
          {
            id: 'v2.0',
            status: 'CURRENT',
            links: [{ rel: 'self', href: `${baseUrl}/network/${region}/v2.0/` }],
          },
        ],
      }),
    imageVersions: (region: string) =>
      json({
        versions: ['2.16', '2.15', '2.9'].map((version, index) => ({
          id: `v${version}`,
          status: index === 0 ? 'CURRENT' : 'SUPPORTED',
          links: [{ rel: 'self', href: `${baseUrl}/image/${region}/v2/` }],
        })),
      }),
  };
}
