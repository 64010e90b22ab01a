import type { z } from 'zod';
import { ValidationError } from '../lib/errors.ts';

/** Parses GraphQL input with a zod schema; every problem comes back as one typed ValidationError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', message: issue.message })),
  );
}
