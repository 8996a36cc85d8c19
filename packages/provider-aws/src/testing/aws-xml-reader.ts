/** An XML element: name, attributes, child elements and text (only what EC2's documents use). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_match, name: string) => ENTITIES[name] as string);
}

/**
 * Reads an XML document into elements: enough for EC2's answers (no DTDs, CDATA or comments).
 * @throws Error when the document is not well formed.
 */
export function readXml(document: string): XmlElement {
  const body = document.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const pattern = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (const match of body.matchAll(pattern)) {
    if (match.index !== consumed) throw new Error(`Unexpected characters at ${consumed}.`);
    consumed += match[0].length;
    const [, closing, name, attributeText, selfClosing, text] = match;
    if (text !== undefined) {
      const parent = stack.at(-1);
      if (parent === undefined) {
        if (text.trim() !== '') throw new Error('Text outside the root element.');
        continue;
      }
      parent.text += decode(text);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>.`);
      continue;
    }
    const attributes = Object.fromEntries(
      [...(attributeText ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [
        key,
        decode(value ?? ''),
      ]),
    );
    const element: XmlElement = { name: name as string, attributes, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent === undefined) {
      if (root !== undefined) throw new Error('More than one root element.');
      root = element;
    } else {
      parent.children.push(element);
    }
    if (!selfClosing) stack.push(element);
  }
  if (consumed !== body.length || stack.length > 0 || root === undefined)
    throw new Error('The document is not well formed.');
  return root;
}

/** The first child named `name`. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}
