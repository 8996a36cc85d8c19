import { RouteResponse } from '@provision/testkit/fake-cloud';
import type { Refusal } from './azure-fake-resources.js';

/** Throws ARM's error answer from inside a route. */
export function armError(status: number, code: string, message: string, details?: readonly Refusal[]): never {
  throw new RouteResponse(
    Response.json(
      {
        error: {
          code,
          message,
          ...(details === undefined
            ? {}
            : { details: details.map(({ code: inner, message: text }) => ({ code: inner, message: text })) }),
        },
      },
      { status },
    ),
  );
}
