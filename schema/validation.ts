import { z } from 'zod';
import { FetchPolicy, FetchRefusedError } from '../knowledge/fetch.ts';
import type { Config } from '../lib/config.ts';
import { type FieldError, ValidationError } from '../lib/errors.ts';

/** Parses GraphQL input with a zod schema; every problem comes back as one typed ValidationError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', message: issue.message })),
  );
}

/** An absolute http(s) URL. */
export const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/**
 * Refuses, as one ValidationError naming each field, URLs the knowledge fetcher would refuse (not
 * http(s), or a host that resolves to a non-public address), so the requester hears it at once.
 */
export async function refuseUnfetchable(config: Config, urls: Record<string, string | null | undefined>) {
  const policy = new FetchPolicy(config.knowledge.fetchAllowedHosts);
  const fieldErrors: FieldError[] = [];
  for (const [field, url] of Object.entries(urls)) {
    if (!url) continue;
    try {
      await policy.check(url);
    } catch (error) {
      if (!(error instanceof FetchRefusedError)) throw error;
      fieldErrors.push({ field, message: `must point to a public address: ${error.reason}` });
    }
  }
  if (fieldErrors.length) throw new ValidationError(fieldErrors);
}
