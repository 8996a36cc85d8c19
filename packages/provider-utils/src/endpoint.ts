import { InvalidRequestError } from '@provision/core';

/** Where an endpoint came from, for the error message, and what it may be. */
export interface EndpointRules {
  readonly provider: string;
  /** The setting's name. Default `'endpoint'`. */
  readonly setting?: string | undefined;
  /** The environment variable behind the setting, e.g. `'DIGITALOCEAN_API_URL'`. */
  readonly envVar?: string | undefined;
  /** Where this value came from when not from the setting or the variable (e.g. `'the service catalog'`). */
  readonly origin?: string | undefined;
  /** Allows plain `http://` to a host that is not loopback. Default false. */
  readonly allowInsecureHttp?: boolean | undefined;
}

// Loopback only: the credentials never leave this machine. `localhost` resolves to loopback by
// specification (RFC 6761), as do its subdomains.
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

function describeSource(rules: EndpointRules, from: 'setting' | 'env' | 'other'): string {
  const setting = `the "${rules.setting ?? 'endpoint'}" setting`;
  if (from === 'env' && rules.envVar !== undefined)
    return `the environment variable ${rules.envVar} (read for ${setting})`;
  if (from === 'other' && rules.origin !== undefined) return rules.origin;
  return rules.envVar === undefined ? setting : `${setting} (or ${rules.envVar})`;
}

/**
 * Checks an endpoint before any request: an `https://` URL, or `http://` to a loopback host (or
 * anywhere with `allowInsecureHttp`), with no user name or password in it. Messages name the
 * setting and the variable and never repeat the URL (it may hold a credential); only the scheme or
 * the host is named.
 * @throws InvalidRequestError
 */
export function checkEndpoint(
  value: string,
  rules: EndpointRules,
  from: 'setting' | 'env' | 'other' = 'setting',
): URL {
  const where = describeSource(rules, from);
  const fail = (problem: string, hint: string) =>
    new InvalidRequestError(`The ${rules.provider} endpoint from ${where} ${problem}.`, {
      provider: rules.provider,
      operation: 'settings',
      field: rules.setting ?? 'endpoint',
      hint,
    });
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw fail('is not a valid URL', 'Give an absolute URL such as https://api.example.com.');
  }
  if (url.username !== '' || url.password !== '') {
    throw fail(
      'holds a user name or password',
      'Remove them from the URL; credentials go in their own setting or environment variable.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    const scheme = url.protocol.replace(/[^a-z0-9+.-]/gi, '').slice(0, 20);
    throw fail(`uses ${scheme}://, which is not an HTTP API`, 'Use an https:// URL.');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && rules.allowInsecureHttp !== true) {
    throw fail(
      `is plain http:// to ${url.hostname}, which would send the credentials unencrypted`,
      'Use https://; or, on a network you trust, set allowInsecureHttp: true.',
    );
  }
  return url;
}

/** What `resolveEndpoint` reads. */
export interface ResolveEndpointInput extends EndpointRules {
  /** The setting's value, if given. */
  readonly value: string | undefined;
  /** Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The cloud's public API, used when neither the setting nor the variable is set. */
  readonly fallback: string;
}

/**
 * The endpoint to use: the setting, else the environment variable, else the public API; checked
 * with `checkEndpoint` (the public API is trusted as written).
 * @throws InvalidRequestError naming the setting and the variable.
 */
export function resolveEndpoint(input: ResolveEndpointInput): string {
  const env = input.env ?? process.env;
  if (input.value !== undefined && input.value !== '') {
    checkEndpoint(input.value, input, 'setting');
    return input.value.trim();
  }
  const fromEnv = input.envVar === undefined ? undefined : env[input.envVar];
  if (fromEnv !== undefined && fromEnv !== '') {
    checkEndpoint(fromEnv, input, 'env');
    return fromEnv.trim();
  }
  return input.fallback;
}
