/**
 * A business's quality rules (`BusinessConfig.settings.quality`): what counts as an unhappy caller,
 * what the agent must and must not say, when outbound calls may be placed, and how QA is weighed.
 */
import { z } from 'zod';

export const PII_CHECKS = ['card_number', 'ssn', 'iban', 'email', 'phone'] as const;
export type PiiCheck = (typeof PII_CHECKS)[number];

export interface CallingHours {
  /** Local wall-clock time, "HH:MM", inclusive. */
  start: string;
  /** Local wall-clock time, "HH:MM", exclusive; after `start`. */
  end: string;
  /** An IANA time zone, e.g. "America/New_York". */
  timeZone: string;
  /** ISO weekdays on which calls may be placed: 1 = Monday … 7 = Sunday. */
  days: number[];
}

export interface QualitySettings {
  /** A customer line whose VADER compound is at or below this raises a sentiment alert. */
  sentimentAlertThreshold: number;
  /** Escalate after this many consecutive customer lines at or below the threshold. */
  sentimentEscalation: { enabled: boolean; consecutiveLines: number };
  /** Phrases that make a caller's line an escalation request ("manager", "real person"). */
  escalationKeywords: string[];
  /** Escalate after this many knowledge lookups that found nothing, or this many tool errors. */
  complexity: { maxFailedLookups: number; maxToolErrors: number };
  /** What the agent must say, and how many seconds into the call it must have been said. */
  disclosures: { phrase: string; withinSeconds: number }[];
  /** What the agent must never say. */
  prohibitedPhrases: string[];
  /** Kinds of personal data the agent must never read out. */
  piiChecks: PiiCheck[];
  /** When outbound calls may be placed; null for any time. */
  callingHours: CallingHours | null;
  qaWeights: { sentiment: number; compliance: number; accuracy: number; professionalism: number };
  /** A final QA score below this raises a QA alert. */
  qaAlertThreshold: number;
  escalation: { offerTimeoutSeconds: number; maxWaitSeconds: number; department: string | null; skills: string[] };
}

const phrase = z.string().trim().min(1).max(200);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/New_York');

const callingHours = z
  .object({
    start: clockTime,
    end: clockTime,
    timeZone,
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
  })
  .refine((hours) => minutesOf(hours.end) > minutesOf(hours.start), {
    message: 'end must be after start',
    path: ['end'],
  });

const weight = z.number().min(0).max(1);

/**
 * Validates quality settings; anything left out gets its default, nested objects included, so
 * `qualitySettingsSchema.parse({})` is the defaults and a stored partial object stays valid as fields are added.
 */
export const qualitySettingsSchema = z.object({
  sentimentAlertThreshold: z.number().min(-1).max(1).default(-0.5),
  sentimentEscalation: z
    .object({
      enabled: z.boolean().default(true),
      consecutiveLines: z.number().int().min(1).max(20).default(2),
    })
    .prefault({}),
  escalationKeywords: z
    .array(phrase.max(60))
    .max(50)
    .default(['manager', 'supervisor', 'human', 'real person', 'representative', 'agent']),
  complexity: z
    .object({
      maxFailedLookups: z.number().int().min(1).max(20).default(2),
      maxToolErrors: z.number().int().min(1).max(20).default(2),
    })
    .prefault({}),
  disclosures: z
    .array(z.object({ phrase, withinSeconds: z.number().int().min(1).max(3600) }))
    .max(20)
    .default([]),
  prohibitedPhrases: z.array(phrase).max(100).default([]),
  piiChecks: z
    .array(z.enum(PII_CHECKS))
    .transform((checks) => [...new Set(checks)])
    .default(['card_number', 'ssn', 'iban']),
  callingHours: callingHours.nullable().default(null),
  qaWeights: z
    .object({
      sentiment: weight.default(0.3),
      compliance: weight.default(0.3),
      accuracy: weight.default(0.2),
      professionalism: weight.default(0.2),
    })
    .prefault({})
    .refine(
      (w) => w.sentiment + w.compliance + w.accuracy + w.professionalism > 0,
      'at least one weight must be above 0',
    ),
  qaAlertThreshold: z.number().min(0).max(1).default(0.6),
  escalation: z
    .object({
      offerTimeoutSeconds: z.number().int().min(5).max(600).default(30),
      maxWaitSeconds: z.number().int().min(10).max(3600).default(120),
      department: z.string().trim().min(1).max(100).nullable().default(null),
      skills: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
    })
    .prefault({}),
}) satisfies z.ZodType<QualitySettings>;

export const DEFAULT_QUALITY_SETTINGS: QualitySettings = qualitySettingsSchema.parse({});

/** A business's quality rules with every default filled in (a bad stored value falls back to defaults). */
export function qualitySettingsOf(business: { settings?: unknown }): QualitySettings {
  const stored = (business.settings as { quality?: unknown } | null | undefined)?.quality ?? {};
  const parsed = qualitySettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_QUALITY_SETTINGS;
}
