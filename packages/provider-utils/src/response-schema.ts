import type * as z from 'zod';

/**
 * A schema that checks a cloud's answer: any zod schema, built with `zod` or with `zod/mini`. A
 * provider's response schemas are best written with `zod/mini`: a process builds them when it
 * first loads the provider, and a mini schema costs a fraction of a classic one to build (a
 * classic instance binds all its methods) and to parse the first time.
 */
export type ResponseSchema<T> = z.core.$ZodType<T>;
