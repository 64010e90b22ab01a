/**
 * What a business does with the personal data its calls carry (`BusinessConfig.settings.privacy`):
 * which kinds are taken out of transcripts before a line is stored or published, whether the original
 * is kept (encrypted, for a role allowed to see it), and the disclosure the agent speaks first.
 */
import { z } from 'zod';
import { PII_KINDS, type PiiKind } from './pii.ts';

export interface Disclosure {
  /** What the agent says at the start of every call (recording, AI); null for nothing. */
  text: string | null;
  /** A caller line with one of these objects to being recorded: the transcript stops there. */
  objectionPhrases: string[];
}

export interface PrivacySettings {
  /** Kinds of personal data replaced by placeholders in stored and published transcripts. */
  redact: PiiKind[];
  /** Keep each redacted line's original, encrypted, for TRANSCRIPTS_REVEAL; off stores only the redacted line. */
  keepOriginals: boolean;
  disclosure: Disclosure;
}

const phrase = z.string().trim().min(2).max(200);

export const DEFAULT_OBJECTION_PHRASES = [
  "don't record",
  'do not record',
  'stop recording',
  "don't want to be recorded",
  'do not want to be recorded',
  "i don't consent",
  'i do not consent',
];

export const privacySettingsSchema = z.object({
  redact: z
    .array(z.enum(PII_KINDS))
    .max(PII_KINDS.length)
    .transform((kinds) => [...new Set(kinds)])
    .default(['card_number', 'bank_account', 'national_id', 'email', 'street_address', 'date_of_birth']),
  keepOriginals: z.boolean().default(false),
  disclosure: z
    .object({
      text: z.string().trim().min(1).max(500).nullable().default(null),
      objectionPhrases: z.array(phrase).max(50).default(DEFAULT_OBJECTION_PHRASES),
    })
    .prefault({}),
}) satisfies z.ZodType<PrivacySettings, unknown>;

export const DEFAULT_PRIVACY: PrivacySettings = privacySettingsSchema.parse({});

/** A business's privacy settings, defaults filled in (a bad stored value falls back to the defaults). */
export function privacyOf(business: { settings?: unknown }): PrivacySettings {
  const stored = (business.settings as { privacy?: unknown } | null | undefined)?.privacy ?? {};
  const parsed = privacySettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_PRIVACY;
}

/** What the transcript keeps of a caller's objection to being recorded. */
export const RECORDING_OBJECTION_NOTE = '[The caller objected to recording; nothing after this was kept.]';

/** Whether a caller's line objects to being recorded (one of the business's phrases, any case). */
export function objectsToRecording(text: string, phrases: readonly string[]): boolean {
  const said = text.toLowerCase().replace(/[’‘]/g, "'");
  return phrases.some((phrase) => said.includes(phrase.toLowerCase()));
}
