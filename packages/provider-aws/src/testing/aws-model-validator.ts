import type { XmlElement } from './aws-xml-reader.js';

/**
 * Checks requests and answers against the trimmed EC2 API description
 * (`test-fixtures/ec2-model.trimmed.json`): Query-protocol parameters against an operation's input
 * shape, XML answers against its output shape. Used by the conformance tests.
 */

/** A member of a structure, or the member of a list. */
export interface ModelMember {
  readonly shape: string;
  readonly locationName?: string;
  readonly queryName?: string;
}

/** A shape: only the structural facts. */
export interface ModelShape {
  readonly type: string;
  readonly required?: readonly string[];
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly members?: Readonly<Record<string, ModelMember>>;
  readonly member?: ModelMember;
}

/** The trimmed description. */
export interface Ec2Model {
  readonly metadata: { readonly apiVersion: string; readonly xmlNamespace: string };
  readonly operations: Readonly<Record<string, { readonly input?: string; readonly output?: string }>>;
  readonly shapes: Readonly<Record<string, ModelShape>>;
}

const capitalize = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** How a member is named in a request: its query name, else its capitalised XML name, else its own name. */
function queryName(name: string, member: ModelMember): string {
  return member.queryName ?? (member.locationName === undefined ? name : capitalize(member.locationName));
}

function scalarErrors(shape: ModelShape, value: string, where: string): string[] {
  if (['integer', 'long'].includes(shape.type) && !/^-?\d+$/.test(value))
    return [`${where}: "${value}" is not an integer`];
  if (shape.type === 'boolean' && value !== 'true' && value !== 'false')
    return [`${where}: "${value}" is not a boolean`];
  if (shape.type === 'double' && Number.isNaN(Number(value))) return [`${where}: "${value}" is not a number`];
  if (shape.type === 'timestamp' && Number.isNaN(Date.parse(value)))
    return [`${where}: "${value}" is not a timestamp`];
  if (shape.enum !== undefined && !shape.enum.includes(value))
    return [`${where}: "${value}" is not one of the enum's values`];
  if (shape.type === 'string' && shape.max !== undefined && value.length > shape.max)
    return [`${where}: longer than ${shape.max}`];
  if (shape.type === 'string' && shape.min !== undefined && value.length < shape.min)
    return [`${where}: shorter than ${shape.min}`];
  if (['integer', 'long'].includes(shape.type)) {
    const number = Number(value);
    if (shape.min !== undefined && number < shape.min) return [`${where}: ${number} is below ${shape.min}`];
    if (shape.max !== undefined && number > shape.max) return [`${where}: ${number} is above ${shape.max}`];
  }
  return [];
}

/** Problems with a Query-protocol request of `operation` (parameter names, types, enums, required members). */
export function requestErrors(model: Ec2Model, operation: string, form: URLSearchParams): string[] {
  const input = model.operations[operation]?.input;
  if (input === undefined) return [`${operation} is not an operation of the description`];
  const errors: string[] = [];
  if (form.get('Version') !== model.metadata.apiVersion) errors.push(`Version is ${form.get('Version')}`);
  const present = new Map<string, Set<string>>();
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    let shapeName = input;
    let path = '';
    for (const segment of key.split('.')) {
      const shape = model.shapes[shapeName] as ModelShape;
      if (shape.type === 'list') {
        if (!/^[1-9]\d*$/.test(segment)) {
          errors.push(`${key}: "${segment}" is not a list index`);
          break;
        }
        shapeName = shape.member?.shape as string;
      } else if (shape.type === 'structure') {
        const entry = Object.entries(shape.members ?? {}).find(
          ([name, member]) => queryName(name, member) === segment,
        );
        if (entry === undefined) {
          errors.push(`${key}: ${shapeName} has no member "${segment}"`);
          break;
        }
        const seen = present.get(`${path}|${shapeName}`) ?? new Set<string>();
        seen.add(entry[0]);
        present.set(`${path}|${shapeName}`, seen);
        shapeName = entry[1].shape;
      } else {
        errors.push(`${key}: ${shapeName} is a ${shape.type}, not a structure or list`);
        break;
      }
      path = path === '' ? segment : `${path}.${segment}`;
    }
    const last = model.shapes[shapeName] as ModelShape;
    if (last.type !== 'structure' && last.type !== 'list') errors.push(...scalarErrors(last, value, key));
  }
  for (const [where, members] of present) {
    const shapeName = where.slice(where.indexOf('|') + 1);
    for (const required of model.shapes[shapeName]?.required ?? [])
      if (!members.has(required))
        errors.push(`${where.split('|')[0] || operation}: required ${shapeName}.${required} is missing`);
  }
  for (const required of model.shapes[input]?.required ?? [])
    if (![...present.keys()].some((key) => key.startsWith('|') && present.get(key)?.has(required)))
      errors.push(`${operation}: required ${required} is missing`);
  return errors;
}

function elementErrors(model: Ec2Model, shapeName: string, element: XmlElement, where: string): string[] {
  const shape = model.shapes[shapeName] as ModelShape;
  if (shape.type === 'structure') {
    if (element.text.trim() !== '') return [`${where}: text in a structure`];
    return element.children.flatMap((inner) => {
      const entry = Object.entries(shape.members ?? {}).find(
        ([name, member]) => (member.locationName ?? name) === inner.name,
      );
      if (entry === undefined) return [`${where}.${inner.name}: ${shapeName} has no such member`];
      return elementErrors(model, entry[1].shape, inner, `${where}.${inner.name}`);
    });
  }
  if (shape.type === 'list') {
    const itemName = shape.member?.locationName ?? 'member';
    return element.children.flatMap((item, index) =>
      item.name === itemName
        ? elementErrors(model, shape.member?.shape as string, item, `${where}[${index}]`)
        : [`${where}: list items must be <${itemName}>, not <${item.name}>`],
    );
  }
  if (element.children.length > 0) return [`${where}: ${shapeName} is a ${shape.type}, not a structure`];
  return scalarErrors(shape, element.text, where);
}

/**
 * Operations whose answers carry `<return>true</return>` in the EC2 API reference's sample
 * responses although the description gives their output no `Return` member (it models the output
 * as empty, or without it). Checked 2026-12-01 on each operation's page, "Examples".
 */
export const RETURN_BEYOND_THE_MODEL: ReadonlySet<string> = new Set([
  'CreateSecurityGroup',
  'CreateTags',
  'RebootInstances',
]);

/** Problems with an XML answer of `operation`: root name and namespace, every member and value. */
export function responseErrors(model: Ec2Model, operation: string, root: XmlElement): string[] {
  const output = model.operations[operation]?.output;
  const errors: string[] = [];
  if (root.name !== `${operation}Response`) errors.push(`root is <${root.name}>, not <${operation}Response>`);
  if (root.attributes.xmlns !== `${model.metadata.xmlNamespace}/`)
    errors.push(`namespace is ${root.attributes.xmlns}`);
  const documentedReturn = (element: XmlElement) =>
    element.name === 'return' && RETURN_BEYOND_THE_MODEL.has(operation);
  for (const element of root.children.filter(documentedReturn))
    if (element.text !== 'true' && element.text !== 'false') errors.push(`<return> is "${element.text}"`);
  const members = {
    ...root,
    children: root.children.filter((element) => element.name !== 'requestId' && !documentedReturn(element)),
  };
  if (!root.children.some((element) => element.name === 'requestId')) errors.push('no requestId');
  if (output === undefined)
    return [...errors, ...members.children.map((element) => `unexpected <${element.name}>`)];
  return [...errors, ...elementErrors(model, output, members, operation)];
}
