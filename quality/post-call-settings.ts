/**
 * A business's post-call settings (`BusinessConfig.settings.postCall`): the outcomes its calls end
 * in, when a difficult caller raises an alert, and the JSON Schema of the data its calls collect.
 */
import { z } from 'zod';
import { extractionSchemaProblems, type JsonSchema } from './extraction-schema.ts';

export interface CallOutcome {
  /** A short name, lower case with underscores: `resolved`, `callback`. */
  name: string;
  /** What it means, for the model and for people. */
  description: string;
}

export interface PostCallSettings {
  outcomes: CallOutcome[];
  /** An adversarial score at or above this (0–10) flags the call and raises a notification. */
  adversarialAlertThreshold: number;
  /** The data calls collect; null extracts nothing. */
  extractionSchema: JsonSchema | null;
}

export const DEFAULT_OUTCOMES: CallOutcome[] = [
  { name: 'resolved', description: 'The caller got what they called for.' },
  { name: 'callback', description: 'Someone has to call the caller back.' },
  { name: 'sale', description: 'The caller bought or signed up for something.' },
  { name: 'not_interested', description: 'The caller declined the offer or did not want to talk.' },
  { name: 'escalated', description: 'The call was handed to a human.' },
  { name: 'unresolved', description: 'The call ended without the caller getting what they wanted.' },
];

const outcome = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,59}$/, 'must be lower case letters, digits and _ (at most 60), starting with a letter'),
  description: z.string().trim().max(300).default(''),
});

export const postCallSettingsSchema = z.object({
  outcomes: z
    .array(outcome)
    .min(1, 'needs at least one outcome')
    .max(20)
    .refine((list) => new Set(list.map((o) => o.name)).size === list.length, 'outcome names must be unique')
    .default(DEFAULT_OUTCOMES),
  adversarialAlertThreshold: z.number().min(0).max(10).default(7),
  extractionSchema: z
    .record(z.string(), z.unknown())
    .nullable()
    .superRefine((schema, ctx) => {
      for (const problem of schema ? extractionSchemaProblems(schema) : [])
        ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(null),
}) satisfies z.ZodType<PostCallSettings>;

export const DEFAULT_POST_CALL_SETTINGS: PostCallSettings = postCallSettingsSchema.parse({});

/** A business's post-call settings with the defaults filled in (a bad stored value falls back to them). */
export function postCallSettingsOf(business: { settings?: unknown }): PostCallSettings {
  const stored = (business.settings as { postCall?: unknown } | null | undefined)?.postCall ?? {};
  const parsed = postCallSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_POST_CALL_SETTINGS;
}

/**
 * The data a call collects: its campaign's extraction schema when the campaign sets one (a campaign
 * asks its own questions), or else its business's; null when neither collects anything.
 */
export function extractionSchemaFor(
  business: { settings?: unknown },
  campaign: { postCall?: { extractionSchema?: Record<string, unknown> | null } | null } | null,
): JsonSchema | null {
  const own = campaign?.postCall?.extractionSchema;
  if (own && extractionSchemaProblems(own).length === 0) return own as JsonSchema;
  return postCallSettingsOf(business).extractionSchema;
}
