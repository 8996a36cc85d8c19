import { pageOf } from './aws-fake-describe.js';
import { filters, matchesAny, type Params, scalars, structures } from './aws-fake-query.js';
import type { AwsFakeContext, FakeTag } from './aws-fake-records.js';
import { checkTag, TAGS_MAX } from './aws-fake-run.js';
import { groupById } from './aws-fake-security-groups.js';
import type { XmlStructure } from './aws-fake-xml.js';

/**
 * `CreateTags` and `DescribeTags` over the resources the fake keeps: instances and security groups.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html
 */

interface Taggable {
  id: string;
  type: 'instance' | 'security-group';
  tags: FakeTag[];
  setTags(tags: FakeTag[]): void;
}

const RESOURCE_ID = /^(i|sg)-([0-9a-f]{8}|[0-9a-f]{17})$/;

function taggable(context: AwsFakeContext, region: string, id: string): Taggable {
  const match = RESOURCE_ID.exec(id);
  if (match === null) context.fail(400, 'InvalidID', `The ID '${id}' is not valid`);
  if (match[1] === 'i') {
    const instance = context.allInstances.get(id);
    if (instance === undefined || instance.region !== region || instance.state === 'terminated')
      context.fail(400, 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    // Instances of one launch share the tag list they were launched with: give this one its own.
    return { id, type: 'instance', tags: instance.tags, setTags: (tags) => (instance.tags = tags) };
  }
  const group = groupById(context, region, id);
  if (group === undefined)
    context.fail(400, 'InvalidGroup.NotFound', `The security group '${id}' does not exist`);
  return { id, type: 'security-group', tags: group.tags, setTags: (tags) => (group.tags = tags) };
}

/** Every resource the region holds that can carry tags, live instances first. */
function allTaggable(context: AwsFakeContext, region: string): Taggable[] {
  const instances = context.instances.values().filter((instance) => instance.region === region);
  const groups = [
    context.defaultGroup(region),
    ...context.securityGroups.values().filter((group) => group.region === region),
  ];
  return [
    ...instances.map((instance) => taggable(context, region, instance.id)),
    ...groups.map((group) => taggable(context, region, group.id)),
  ];
}

/** `CreateTags`: adds or overwrites tags on every named resource, all or none. */
export function createTags(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const ids = scalars(params, 'ResourceId');
  if (ids.length === 0)
    context.fail(400, 'MissingParameter', 'The request must contain the parameter resourceIdSet');
  const requested = structures(params, 'Tag').map((tag) => ({
    key: tag.get('Key') ?? '',
    value: tag.get('Value') ?? '',
  }));
  if (requested.length === 0)
    context.fail(400, 'MissingParameter', 'The request must contain the parameter tagSet');
  for (const tag of requested) checkTag(context, tag.key, tag.value);
  const resources = ids.map((id) => taggable(context, region, id));
  const updated = resources.map((resource) => {
    const tags = resource.tags.filter((tag) => !requested.some((other) => other.key === tag.key));
    tags.push(...requested);
    if (tags.length > TAGS_MAX)
      context.fail(400, 'TagLimitExceeded', `The maximum number of tags per resource is ${TAGS_MAX}.`);
    return { resource, tags };
  });
  for (const { resource, tags } of updated) resource.setTags(tags);
  return { return: true };
}

const TAG_FILTERS = new Set(['key', 'value', 'resource-id', 'resource-type']);

/** `DescribeTags`: one item per resource and key, filtered by key, value, resource id and type, paged (5-1000). */
export function describeTags(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const wanted = filters(params);
  for (const name of wanted.keys())
    if (!TAG_FILTERS.has(name) && !name.startsWith('tag:'))
      context.fail(400, 'InvalidParameterValue', `The filter '${name}' is invalid`);
  const items = allTaggable(context, region).flatMap((resource) =>
    resource.tags
      .filter((tag) =>
        [...wanted].every(([name, values]) => {
          if (name.startsWith('tag:')) return name.slice(4) === tag.key && matchesAny(values, tag.value);
          const field: Record<string, string> = {
            key: tag.key,
            value: tag.value,
            'resource-id': resource.id,
            'resource-type': resource.type,
          };
          return matchesAny(values, field[name]);
        }),
      )
      .map((tag) => ({
        resourceId: resource.id,
        resourceType: resource.type,
        key: tag.key,
        value: tag.value,
      })),
  );
  const { items: page, next } = pageOf(context, items, params, [5, 1000]);
  return { tagSet: page, nextToken: next };
}
