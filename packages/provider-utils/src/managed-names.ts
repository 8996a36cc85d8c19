import {
  createIdTemplate,
  type IdPlaceholders,
  type IdRecord,
  type IdTemplateOptions,
} from './id-template.js';

/** Options of `createManagedNames`: an id template, plus the lengths that make it fit the cloud. */
export interface ManagedNamesOptions<Template extends string> extends IdTemplateOptions<Template> {
  /** The longest name the cloud accepts for this kind of resource (GCE 63, EC2 groups 255). */
  readonly maxLength: number;
  /**
   * The longest value of each placeholder, e.g. `{ owner: 63, name: 63 }` (core's default name
   * rule), `{ identity: 26 }` (`hostIdentity`), `{ ip: 15 }`.
   */
  readonly partLengths: { readonly [Key in IdPlaceholders<Template>]: number };
}

/** The managed names of one kind of secondary resource. */
export interface ManagedNames<Template extends string> {
  readonly template: Template;
  /** The longest name the template can make: at most `maxLength`, checked when it is created. */
  readonly longest: number;
  /** @throws TypeError when a part is missing, does not match its pattern, or is longer than declared. */
  encode(record: IdRecord<Template>): string;
  /** The parts of a name this template makes; `undefined` for any other name (not ours). */
  parse(name: string | undefined): IdRecord<Template> | undefined;
}

/**
 * Deterministic names for a host's secondary resources, so that every process (a retry, another
 * machine, `gc`) finds the resource of a host again by name: `'provision.{owner}.{name}'`
 * (DigitalOcean firewalls), `'provision/{owner}_{name}/{generation}'` (EC2 groups),
 * `'provision-{identity}'` (GCE firewall rules, where 63 characters cannot hold an owner and a
 * name: the owner and name then live in labels or the description).
 *
 * The longest name the template can make is computed from `partLengths` when the names are
 * created, so a template that could break the cloud's limit fails at load (in every test), never
 * in the middle of a `provision()` after the host was made.
 * @throws TypeError when the longest name exceeds `maxLength`, or the template is malformed.
 */
export function createManagedNames<const Template extends string>(
  options: ManagedNamesOptions<Template>,
): ManagedNames<Template> {
  const template = createIdTemplate(options);
  const lengths = options.partLengths as Readonly<Record<string, number>>;
  const literal = options.template.replace(/\{[^{}]+\}|[[\]]/g, '').length;
  const longest = Object.values(lengths).reduce((sum, length) => sum + length, literal);
  if (longest > options.maxLength)
    throw new TypeError(
      `${options.provider} managed name "${options.template}" can reach ${longest} characters; the cloud allows ${options.maxLength}.`,
    );
  return {
    template: options.template,
    longest,
    encode(record) {
      for (const [part, value] of Object.entries(record as Readonly<Record<string, string | undefined>>)) {
        const limit = lengths[part];
        if (value !== undefined && limit !== undefined && value.length > limit)
          throw new TypeError(`${options.provider} managed name part {${part}} is longer than ${limit}.`);
      }
      return template.encode(record);
    },
    parse(name) {
      return name === undefined ? undefined : template.match(name);
    },
  };
}
