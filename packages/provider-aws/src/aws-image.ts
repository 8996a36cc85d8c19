import { DescribeImagesCommand, type DescribeImagesResult } from '@aws-sdk/client-ec2';
import { type CallOptions, compareText, UnsupportedError } from '@provision/core';
import { architectureOf } from './aws-catalog.js';
import type { AwsEc2 } from './aws-client.js';

/** Canonical's AWS account: the only publisher whose Ubuntu images are trusted. */
export const CANONICAL_OWNER_ID = '099720109477';

/**
 * Finds the newest Canonical AMI for an OS name pattern and an instance type's architecture, once
 * per region, pattern and architecture for the provisioner's life (concurrent callers share one
 * lookup). The owner filter matters: an image found by name alone can belong to anyone.
 * https://documentation.ubuntu.com/aws/aws-how-to/instances/find-ubuntu-images/
 */
export class AwsImageResolver {
  readonly #cache = new Map<string, Promise<string>>();

  constructor(private readonly ec2: AwsEc2) {}

  resolve(region: string, namePattern: string, plan: string, options?: CallOptions): Promise<string> {
    const architecture = architectureOf(plan);
    const name = namePattern.replaceAll('{arch}', architecture === 'arm64' ? 'arm64' : 'amd64');
    const key = `${region} ${name} ${architecture}`;
    let lookup = this.#cache.get(key);
    if (lookup === undefined) {
      lookup = this.#lookup(region, name, architecture, options);
      this.#cache.set(key, lookup);
      lookup.catch(() => this.#cache.delete(key));
    }
    return lookup;
  }

  async #lookup(region: string, name: string, architecture: string, options?: CallOptions): Promise<string> {
    const answer = await this.ec2.send<DescribeImagesResult>(
      region,
      new DescribeImagesCommand({
        Owners: [CANONICAL_OWNER_ID],
        Filters: [
          { Name: 'name', Values: [name] },
          { Name: 'architecture', Values: [architecture] },
          { Name: 'state', Values: ['available'] },
          { Name: 'root-device-type', Values: ['ebs'] },
          { Name: 'virtualization-type', Values: ['hvm'] },
        ],
      }),
      'provision',
      options?.signal,
    );
    // The owner is checked again here, so a lookup can never pick another publisher's image.
    const newest = (answer.Images ?? [])
      .filter((image) => image.OwnerId === CANONICAL_OWNER_ID && image.ImageId !== undefined)
      .sort((a, b) => compareText(b.CreationDate ?? '', a.CreationDate ?? ''))[0];
    if (newest?.ImageId === undefined) {
      throw new UnsupportedError(
        `Canonical publishes no ${architecture} image named like "${name}" in ${region}.`,
        {
          provider: 'aws',
          operation: 'provision',
          hint: 'Choose another os, region or instance type.',
        },
      );
    }
    return newest.ImageId;
  }
}
