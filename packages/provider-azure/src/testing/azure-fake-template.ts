import { RESOURCE_TYPES, type Refusal, type ResourceType } from './azure-fake-resources.js';

/** One resource of a deployment template, with its literal values. */
export interface TemplateResource {
  readonly type: ResourceType;
  readonly name: string;
  readonly body: Record<string, unknown>;
  /** Resource ids or `type/name` of resources it waits for. */
  readonly dependsOn: readonly string[];
}

type Json = Record<string, unknown>;

/**
 * ARM template expressions are strings in `[...]`; a literal that starts with `[` is written `[[`.
 * The fake takes literal templates only: it unescapes `[[` and refuses expressions (a limit of the
 * fake, said in its refusal).
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions#escape-characters
 */
function literal(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    if (value.startsWith('[[')) return value.slice(1);
    if (value.startsWith('[') && value.endsWith(']'))
      throw refusal(
        `The template uses an expression at '${path}'; this emulator takes literal templates only.`,
      );
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => literal(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, literal(item, `${path}.${key}`)]),
    );
  return value;
}

class TemplateRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

function refusal(message: string): TemplateRefusal {
  return new TemplateRefusal({
    status: 400,
    code: 'InvalidTemplate',
    message: `Deployment template validation failed: ${message}`,
  });
}

/**
 * The resources of a deployment body (`Deployments_CreateOrUpdate`), in an order that honours
 * `dependsOn`, or ARM's refusal of the template.
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax
 */
export function readTemplate(body: Json): TemplateResource[] | Refusal {
  try {
    const properties = (body.properties ?? {}) as Json;
    if (properties.mode !== 'Incremental' && properties.mode !== 'Complete')
      return {
        status: 400,
        code: 'InvalidDeploymentMode',
        message: "The deployment mode must be 'Incremental' or 'Complete'.",
      };
    if (properties.templateLink !== undefined)
      throw refusal('templateLink is not served by this emulator; send the template inline.');
    const template = (properties.template ?? undefined) as Json | undefined;
    if (template === undefined || !Array.isArray(template.resources))
      throw refusal("The template must have a 'resources' list.");
    const resources = template.resources.map((item, index): TemplateResource => {
      const resource = literal(item, `resources[${index}]`) as Json;
      const type = String(resource.type ?? '').toLowerCase() as ResourceType;
      if (
        !(type in RESOURCE_TYPES) ||
        typeof resource.name !== 'string' ||
        typeof resource.apiVersion !== 'string'
      )
        throw refusal(`resources[${index}] needs a type this emulator serves, a name and an apiVersion.`);
      const { type: _type, apiVersion: _version, dependsOn, name, ...rest } = resource;
      return {
        type,
        name,
        body: rest,
        dependsOn: Array.isArray(dependsOn) ? dependsOn.map(String) : [],
      };
    });
    return ordered(resources);
  } catch (error) {
    if (error instanceof TemplateRefusal) return error.refusal;
    throw error;
  }
}

// A dependency names a resource by its id or by `type/name`; both end in `<type>/<name>`.
function names(dependency: string, resource: TemplateResource): boolean {
  const wanted = dependency.toLowerCase();
  return wanted.endsWith(`${resource.type}/${resource.name}`.toLowerCase());
}

function ordered(resources: TemplateResource[]): TemplateResource[] {
  const done: TemplateResource[] = [];
  const pending = [...resources];
  while (pending.length > 0) {
    const next = pending.findIndex((resource) =>
      resource.dependsOn.every(
        (dependency) =>
          done.some((made) => names(dependency, made)) ||
          !resources.some((other) => names(dependency, other)),
      ),
    );
    if (next === -1) throw refusal('Circular dependency between resources.');
    done.push(...pending.splice(next, 1));
  }
  return done;
}
