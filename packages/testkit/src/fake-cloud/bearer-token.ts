/**
 * The token of a request's `Authorization: Bearer <token>` header (the scheme in any case, as
 * RFC 6750 allows), or `undefined` when there is none: what a fake of a token-authenticated API
 * compares with the one token it accepts, before routing.
 */
export function bearerToken(request: Request): string | undefined {
  return /^bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
}
