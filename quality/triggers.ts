/**
 * When a call should go to a human: the caller asks for one, stays unhappy, or the agent keeps failing.
 * Pure and deterministic, so workflows can decide with it.
 */
import type { QualitySettings } from './settings.ts';

/** What a tool call the agent made came to: `found` is false for a knowledge lookup that found nothing. */
export interface ToolResult {
  name: string;
  ok: boolean;
  found?: boolean;
}

const IRREGULAR_PLURALS: Record<string, string> = { person: 'people', man: 'men', woman: 'women' };
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One word with its plural and possessive forms: manager → managers, manager's, managers'. */
function wordForms(word: string): string {
  const irregular = IRREGULAR_PLURALS[word];
  if (irregular) return `(?:${word}|${irregular})(?:'s)?`;
  if (/[^aeiou]y$/.test(word)) return `${escapeRegExp(word.slice(0, -1))}(?:y|ies|y's|ies')`;
  return `${escapeRegExp(word)}(?:s|es)?(?:'s|')?`;
}

const patterns = new Map<string, RegExp>();

/**
 * A phrase as a case-insensitive pattern on whole words: "manager" matches "Managers" and
 * "manager's" but not "management"; "human" does not match "humanity"; "real person" matches
 * "real people" and "real-person".
 */
function phrasePattern(phrase: string): RegExp {
  let pattern = patterns.get(phrase);
  if (!pattern) {
    const words = phrase.toLowerCase().replace(/’/g, "'").trim().split(/\s+/);
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(wordForms).join('[\\s-]+')}(?![\\p{L}\\p{N}])`, 'iu');
    patterns.set(phrase, pattern);
  }
  return pattern;
}

/** The first of `phrases` that `text` contains as whole words (tolerating plurals and possessives), or null. */
export function findPhrase(text: string, phrases: readonly string[]): string | null {
  const normalized = text.replace(/’/g, "'");
  return phrases.find((phrase) => phrase.trim() && phrasePattern(phrase).test(normalized)) ?? null;
}

/** The configured escalation keyword a caller's line contains, or null. */
export function matchesEscalationKeyword(text: string, keywords: readonly string[]): string | null {
  return findPhrase(text, keywords);
}

/** True when the last `consecutiveLines` customer lines were all at or below the alert threshold. */
export function sentimentEscalationDue(customerCompounds: readonly number[], settings: QualitySettings): boolean {
  const { enabled, consecutiveLines } = settings.sentimentEscalation;
  const recent = customerCompounds.slice(-consecutiveLines);
  return (
    enabled &&
    recent.length === consecutiveLines &&
    recent.every((compound) => compound <= settings.sentimentAlertThreshold)
  );
}

/** Why the call is too complex for the agent (too many empty lookups or tool errors), or null. */
export function complexityEscalationDue(results: readonly ToolResult[], settings: QualitySettings): string | null {
  const failedLookups = results.filter((r) => r.ok && r.found === false).length;
  const toolErrors = results.filter((r) => !r.ok).length;
  if (failedLookups >= settings.complexity.maxFailedLookups) return `${failedLookups} knowledge lookups found nothing`;
  if (toolErrors >= settings.complexity.maxToolErrors) return `${toolErrors} tool calls failed`;
  return null;
}
