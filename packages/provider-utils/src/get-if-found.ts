import type { HttpClient, RequestCommon } from './http-client-options.js';
import type { ResponseSchema } from './response-schema.js';

/** A GET of one resource: everything of a request but its method, its body and `allowStatus`. */
export type FoundRequest<T> = Omit<RequestCommon<T>, 'method' | 'allowStatus' | 'schema'> & {
  readonly schema: ResponseSchema<T>;
};

/**
 * GETs one resource, checked by `schema`; undefined when the cloud answers 404 (it never existed,
 * or is gone), which for a delete or a status is an answer, not a failure. Any other error is thrown.
 */
export async function getIfFound<T>(
  client: Pick<HttpClient, 'request'>,
  request: FoundRequest<T>,
): Promise<T | undefined> {
  const answer = await client.request<T>({ ...request, method: 'GET', allowStatus: [404] });
  return answer.status === 404 ? undefined : answer.data;
}
