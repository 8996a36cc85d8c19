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

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function render(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const items = (value as readonly XmlValue[]).map((item) => render('item', item)).join('');
    return items === '' ? `<${name}/>` : `<${name}>${items}</${name}>`;
  }
  if (typeof value === 'object') {
    const members = Object.entries(value as XmlStructure)
      .map(([member, inner]) => render(member, inner))
      .join('');
    return `<${name}>${members}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
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
