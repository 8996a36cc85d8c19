import {
  AuthenticationError,
  type Operation,
  ProviderApiError,
  type ProvisionError,
  RateLimitError,
} from '@provision/core';
import { retryAfterMs } from './retry.js';

/** What the cloud's error body said, as the provider's `parseError` extracted it. */
export interface ApiErrorDetails {
  readonly code?: string | undefined;
  readonly message?: string | undefined;
}

/** An HTTP error answer, handed to a provider's `mapError` before the default mapping. */
export interface HttpFailure {
  readonly status: number;
  readonly details: ApiErrorDetails;
  readonly headers: Headers;
  readonly operation: Operation;
  readonly provider: string;
}

// The cloud's message is user-facing text from the cloud; it never contains our request's
// headers. Cap it so a huge HTML error page does not become an error message.
function cloudSays(details: ApiErrorDetails): string {
  const message = details.message?.replace(/\s+/g, ' ').trim();
  if (!message) return '';
  return ` The cloud said: ${message.length > 300 ? `${message.slice(0, 300)}...` : message}`;
}

/** Default mapping of an HTTP error answer to the core error classes. */
export function mapHttpError(failure: HttpFailure): ProvisionError {
  const { status, details, headers, operation, provider } = failure;
  const base = { provider, operation };
  const said = cloudSays(details);
  if (status === 401 || status === 403) {
    return new AuthenticationError(`${provider} rejected the credentials (HTTP ${status}).${said}`, {
      ...base,
      hint: 'Check that the token is current and has read and write scope.',
    });
  }
  if (status === 429) {
    const wait = retryAfterMs(headers);
    return new RateLimitError(
      `${provider} is rate limiting requests (HTTP 429)${wait === undefined ? '' : `; retry in ${Math.ceil(wait / 1000)} s`}.`,
      { ...base, retryAfterMs: wait, hint: 'Retry later, or lower the concurrency.' },
    );
  }
  return new ProviderApiError(`${provider} answered HTTP ${status} to ${operation}.${said}`, {
    ...base,
    status,
    providerCode: details.code,
    retryable: status >= 500 || status === 408,
  });
}
