import type { DescribeInstancesCommand, DescribeInstancesResult, Instance, Tag } from '@aws-sdk/client-ec2';

// What a host is made of (see `instanceToHost`), by its path under an instance's `<item>`:
// the members of `Instance` under their XML names.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html
type Mutable = {
  -readonly [Key in keyof Instance]: Instance[Key];
};

const LEAVES: Readonly<Record<string, (instance: Mutable, text: string) => void>> = {
  instanceId: (instance, text) => {
    instance.InstanceId = text;
  },
  instanceType: (instance, text) => {
    instance.InstanceType = text as Instance['InstanceType'];
  },
  launchTime: (instance, text) => {
    instance.LaunchTime = new Date(text);
  },
  ipAddress: (instance, text) => {
    instance.PublicIpAddress = text;
  },
  ipv6Address: (instance, text) => {
    instance.Ipv6Address = text;
  },
  'instanceState/name': (instance, text) => {
    instance.State = { ...instance.State, Name: text as NonNullable<Instance['State']>['Name'] };
  },
  'instanceState/code': (instance, text) => {
    instance.State = { ...instance.State, Code: Number(text) };
  },
  'stateReason/code': (instance, text) => {
    instance.StateReason = { ...instance.StateReason, Code: text };
  },
  'stateReason/message': (instance, text) => {
    instance.StateReason = { ...instance.StateReason, Message: text };
  },
};

/** The first element of a relative path whose subtree holds something read. */
const READ_UNDER = new Set(['instanceId', 'instanceType', 'launchTime', 'ipAddress', 'ipv6Address']);
const READ_STRUCTURES = new Set(['instanceState', 'stateReason', 'tagSet', 'groupSet']);

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

/** A `DescribeInstances` answer the fast reader cannot read; the SDK reads it instead. */
class UnreadablePage extends Error {}

function isNameEnd(code: number): boolean {
  return code === 62 || code === 32 || code === 9 || code === 10 || code === 13;
}

// The members read (`READ_UNDER`, `READ_STRUCTURES`) by the length of their names.
const READ_BY_LENGTH: string[][] = [];
for (const member of [...READ_UNDER, ...READ_STRUCTURES]) {
  const sameLength = READ_BY_LENGTH[member.length] ?? [];
  sameLength.push(member);
  READ_BY_LENGTH[member.length] = sameLength;
}

/** Whether the element name of `length` characters at `from` is a member read (compared in place). */
function isReadMember(xml: string, from: number, length: number): boolean {
  const candidates = READ_BY_LENGTH[length];
  if (candidates === undefined) return false;
  for (const candidate of candidates) if (xml.startsWith(candidate, from)) return true;
  return false;
}

/** Whether the end tag of the element named at `nameFrom` (`nameLength` characters) starts at `at`. */
function closesAt(xml: string, at: number, nameFrom: number, nameLength: number): boolean {
  if (xml.charCodeAt(at + 1) !== 47 /* / */ || xml.charCodeAt(at + nameLength + 2) !== 62 /* > */)
    return false;
  for (let index = 0; index < nameLength; index++)
    if (xml.charCodeAt(at + 2 + index) !== xml.charCodeAt(nameFrom + index)) return false;
  return true;
}

// The start and end tags of the elements stepped over, made once per name (EC2's instance has a
// few dozen members; past 256 names, an answer unlike EC2's, they are made each time).
const TAGS = new Map<string, readonly [string, string]>();

/** The index just after the end tag of the element `name` whose content starts at `from`. */
function skipElement(xml: string, name: string, from: number): number {
  let tags = TAGS.get(name);
  if (tags === undefined) {
    tags = [`<${name}`, `</${name}>`];
    if (TAGS.size < 256) TAGS.set(name, tags);
  }
  const [open, close] = tags;
  let depth = 1;
  let at = from;
  for (;;) {
    const closeAt = xml.indexOf(close, at);
    if (closeAt === -1) throw new UnreadablePage(`<${name}> is not closed`);
    // An element of the same name inside it (none in EC2's answer today) closes first. The search
    // runs back from the end tag, so it reads no further than this element (forward, it would run
    // on to the same element of the next instance).
    if (xml.lastIndexOf(open, closeAt) < at) {
      depth -= 1;
      at = closeAt + close.length;
      if (depth === 0) return at;
      continue;
    }
    for (let openAt = xml.indexOf(open, at); openAt !== -1 && openAt < closeAt; ) {
      if (isNameEnd(xml.charCodeAt(openAt + open.length))) {
        const end = xml.indexOf('>', openAt);
        if (xml.charCodeAt(end - 1) !== 47) depth += 1;
      }
      openAt = xml.indexOf(open, openAt + open.length);
    }
    depth -= 1;
    at = closeAt + close.length;
    if (depth === 0) return at;
  }
}

/**
 * Reads a `DescribeInstancesResponse` for `list()`: `nextToken` and, of each instance, only what a
 * host is made of (id, type, launch time, state and its reason, public addresses, tags, security
 * groups). The SDK's own reader builds every member of every instance, character by character:
 * for a page of 1000 instances that is most of a list's CPU.
 * @throws UnreadablePage for anything that is not such an answer.
 */
export function readInstancePage(xml: string): DescribeInstancesResult {
  const reservations: { Instances: Instance[] }[] = [];
  let nextToken: string | undefined;
  const path: string[] = [];
  // Depth of the open instance `<item>` in `path`, or -1.
  let instanceAt = -1;
  let instance: Mutable | undefined;
  let tag: Tag | undefined;
  let group: { GroupId?: string; GroupName?: string } | undefined;
  let at = xml.indexOf('<');
  while (at !== -1) {
    const next = xml.charCodeAt(at + 1);
    if (next === 63 /* ? */ || next === 33 /* ! */) {
      if (xml.startsWith('<![CDATA[', at)) throw new UnreadablePage('CDATA');
      const end = xml.indexOf('>', at);
      if (end === -1) throw new UnreadablePage('unclosed');
      at = xml.indexOf('<', end);
      continue;
    }
    const end = xml.indexOf('>', at);
    if (end === -1) throw new UnreadablePage('unclosed tag');
    if (next === 47 /* / */) {
      // A closing tag: leave the element.
      const name = xml.slice(at + 2, end).trim();
      if (path.at(-1) !== name) throw new UnreadablePage(`</${name}> closes <${path.at(-1)}>`);
      const depth = path.length - 1;
      if (instance !== undefined && depth === instanceAt) {
        reservations.at(-1)?.Instances.push(instance);
        instance = undefined;
        instanceAt = -1;
      } else if (instance !== undefined && depth === instanceAt + 2 && name === 'item') {
        if (tag !== undefined) {
          instance.Tags ??= [];
          instance.Tags.push(tag);
        }
        if (group !== undefined) {
          instance.SecurityGroups ??= [];
          instance.SecurityGroups.push(group);
        }
        tag = undefined;
        group = undefined;
      }
      path.pop();
      at = xml.indexOf('<', end);
      continue;
    }
    const selfClosing = xml.charCodeAt(end - 1) === 47;
    let nameEnd = at + 1;
    while (nameEnd < end) {
      const code = xml.charCodeAt(nameEnd);
      if (code === 32 || code === 9 || code === 10 || code === 13 || code === 47) break;
      nameEnd += 1;
    }
    if (instance !== undefined && !selfClosing && path.length - instanceAt === 1) {
      const nameLength = nameEnd - at - 1;
      if (!isReadMember(xml, at + 1, nameLength)) {
        // Most of an instance (devices, interfaces, placement...) is not read: step over it whole,
        // its name compared in place. A leaf (its text, then its own end tag) ends where its text does.
        const textEnd = xml.indexOf('<', end);
        at =
          textEnd !== -1 && closesAt(xml, textEnd, at + 1, nameLength)
            ? xml.indexOf('<', textEnd + nameLength + 3)
            : xml.indexOf('<', skipElement(xml, xml.slice(at + 1, nameEnd), end + 1));
        continue;
      }
    }
    const name = xml.slice(at + 1, nameEnd);
    const depth = path.length;
    if (depth === 0 && name !== 'DescribeInstancesResponse') throw new UnreadablePage(`root <${name}>`);
    const textEnd = xml.indexOf('<', end);
    if (instance === undefined) {
      if (depth === 2 && name === 'item' && path[1] === 'reservationSet')
        reservations.push({ Instances: [] });
      else if (depth === 4 && name === 'item' && path[3] === 'instancesSet') {
        instance = {};
        instanceAt = depth;
      } else if (depth === 1 && name === 'nextToken' && !selfClosing)
        nextToken = decodeText(xml.slice(end + 1, textEnd));
    } else {
      const relative = depth - instanceAt;
      const top = relative === 1 ? name : (path[instanceAt + 1] as string);
      if (relative === 1 && READ_UNDER.has(name) && !selfClosing)
        LEAVES[name]?.(instance, decodeText(xml.slice(end + 1, textEnd)));
      else if (relative === 2 && READ_STRUCTURES.has(top)) {
        if (name === 'item' && top === 'tagSet') tag = {};
        else if (name === 'item' && top === 'groupSet') group = {};
        else if (!selfClosing) LEAVES[`${top}/${name}`]?.(instance, decodeText(xml.slice(end + 1, textEnd)));
      } else if (relative === 3 && !selfClosing) {
        const text = (): string => decodeText(xml.slice(end + 1, textEnd));
        if (tag !== undefined && name === 'key') tag.Key = text();
        else if (tag !== undefined && name === 'value') tag.Value = text();
        else if (group !== undefined && name === 'groupId') group.GroupId = text();
        else if (group !== undefined && name === 'groupName') group.GroupName = text();
      }
    }
    if (!selfClosing) path.push(name);
    at = textEnd;
  }
  if (path.length !== 0) throw new UnreadablePage('unclosed elements');
  return { Reservations: reservations, ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
}

/**
 * The `nextToken` of a `DescribeInstancesResponse`, read without its instances: only where EC2
 * writes it, a child of the root after the `reservationSet` (nothing else follows that set but
 * leaves of the root). Undefined when there is none there; `readInstancePage` still reads the
 * whole answer, and a token placed anywhere else, later.
 */
export function peekNextToken(xml: string): string | undefined {
  const open = '<nextToken>';
  const at = xml.lastIndexOf(open);
  if (at === -1 || at < xml.lastIndexOf('</reservationSet>')) return undefined;
  const end = xml.indexOf('</nextToken>', at);
  if (end === -1) return undefined;
  const text = xml.slice(at + open.length, end);
  return text.includes('<') ? undefined : decodeText(text);
}

/**
 * The instances of a first page put off by `readingFirstPage`: read when asked, once the pages
 * after it are on their way. Undefined when the fast reader cannot read the answer (the caller
 * asks EC2 for the page again, read by the SDK).
 */
export type DeferredInstances = () => Instance[] | undefined;

// The smallest answer the SDK reads as an empty page: what it is handed once the page is read.
const EMPTY_PAGE = new TextEncoder().encode(
  '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"></DescribeInstancesResponse>',
);

const decoder = new TextDecoder();

/**
 * Makes `command` read its answer with `readInstancePage`: a success is read there and the SDK is
 * left an empty page to read (errors, and an answer the fast reader cannot read, stay the SDK's),
 * then the page read is its output. Everything else (signing, retries, pacing, error mapping) is
 * the SDK's as before. For `list()`, whose hosts need only what the page reader keeps. With
 * `deferring`, an answer that names a next page (`peekNextToken`) is not read at once: its output
 * is that token and no instance, and `deferring` gets the function that reads them.
 */
export function readingHostFields(
  command: DescribeInstancesCommand,
  deferring?: (instances: DeferredInstances) => void,
): DescribeInstancesCommand {
  let page: DescribeInstancesResult | undefined;
  command.middlewareStack.add(
    (next) => async (args) => {
      page = undefined;
      const result = await next(args);
      const response = result.response as { statusCode?: number; body?: unknown };
      if (response.statusCode === 200 && response.body instanceof Uint8Array) {
        const xml = decoder.decode(response.body);
        const nextToken = deferring === undefined ? undefined : peekNextToken(xml);
        if (deferring !== undefined && nextToken !== undefined) {
          // More pages follow: the instances wait until the caller has asked for them.
          page = { Reservations: [], NextToken: nextToken };
          response.body = EMPTY_PAGE;
          deferring(() => {
            try {
              return readInstancePage(xml).Reservations?.flatMap(
                (reservation) => reservation.Instances ?? [],
              );
            } catch (error) {
              if (!(error instanceof UnreadablePage)) throw error;
              return undefined;
            }
          });
          return result;
        }
        try {
          page = readInstancePage(xml);
          response.body = EMPTY_PAGE;
        } catch (error) {
          if (!(error instanceof UnreadablePage)) throw error;
        }
      }
      return result;
    },
    // Inside the SDK's deserializer: this sees the answer before it does.
    { step: 'deserialize', priority: 'low', name: 'provisionInstancePageReader' },
  );
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      return page === undefined ? result : { ...result, output: { ...result.output, ...page } };
    },
    { step: 'initialize', priority: 'high', name: 'provisionInstancePageOutput' },
  );
  return command;
}
