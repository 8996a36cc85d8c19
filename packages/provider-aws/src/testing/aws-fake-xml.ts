/**
 * EC2's XML answers: the operation's `<ActionResponse>` in the 2016-11-15 namespace with its
 * members under their XML names, lists as `<name><item>...</item></name>`, and the error document
 * `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 */

/** The API version every request must name, and the namespace of every answer. */
export const EC2_API_VERSION = '2016-11-15';
export const EC2_XML_NAMESPACE = `http://ec2.amazonaws.com/doc/${EC2_API_VERSION}/`;

/** A value to write: a scalar, a list (`item`s), or a structure (its members in order). */
export type XmlValue = string | number | boolean | undefined | null | readonly XmlValue[] | XmlStructure;
/** Members of a structure, by XML name. Undefined members are left out. */
export interface XmlStructure {
  readonly [name: string]: XmlValue;
}

const SPECIAL = /[&<>"']/;

function escapeXml(text: string): string {
  // Most values (ids, states, addresses) have nothing to escape.
  if (!SPECIAL.test(text)) return text;
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

// Written into one list of parts and joined once: a page of 1000 instances is some 200,000 elements.
function renderInto(parts: string[], name: string, value: XmlValue): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    const items = value as readonly XmlValue[];
    if (items.every((item) => item === undefined || item === null)) {
      parts.push(`<${name}/>`);
      return;
    }
    parts.push(`<${name}>`);
    for (const item of items) renderInto(parts, 'item', item);
    parts.push(`</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    parts.push(`<${name}>`);
    const structure = value as XmlStructure;
    for (const member in structure)
      if (Object.hasOwn(structure, member)) renderInto(parts, member, structure[member]);
    parts.push(`</${name}>`);
    return;
  }
  parts.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}

function render(name: string, value: XmlValue): string {
  const parts: string[] = [];
  renderInto(parts, name, value);
  return parts.join('');
}

const XML_TYPE = 'text/xml;charset=UTF-8';

/** The answer of `action`: `<ActionResponse xmlns=...><requestId/>...members</ActionResponse>`. */
export function xmlResponse(action: string, requestId: string, members: XmlStructure): Response {
  const body = Object.entries(members)
    .map(([name, value]) => render(name, value))
    .join('');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_XML_NAMESPACE}"><requestId>${requestId}</requestId>${body}</${action}Response>`;
  return new Response(xml, { status: 200, headers: { 'content-type': XML_TYPE } });
}

/** EC2's error document. */
export function xmlError(
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  return new Response(xml, { status, headers: { 'content-type': XML_TYPE, ...headers } });
}
