/**
 * The identifiers a person is looked up by (emails, phone numbers) found in a value about to be
 * sealed, so that a blind index of them (`Encryption.blindIndex`) can stand beside the ciphertext:
 * a person's export or erasure finds the row by their email or number without Postgres holding
 * either in plaintext.
 */
import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js';

/** A written email address (spoken ones, "jane at example dot com", are redacted, not indexed). */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Seven digits, perhaps with a separator between each: the least a phone number has (checked before the costly search). */
const MAYBE_PHONE = /\d(?:[\s().-]?\d){6}/;

/** Every string inside a JSON-like value. */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* stringsIn(item);
}

/**
 * The emails (lower-cased) and phone numbers (E.164; national ones read in `defaultCountry`, else
 * only those written with their country code) in every string of `value`, each once.
 */
export function personalIdentifiersIn(value: unknown, defaultCountry: CountryCode = 'US'): string[] {
  const found = new Set<string>();
  for (const text of stringsIn(value)) {
    if (text.includes('@'))
      for (const match of text.matchAll(EMAIL)) found.add(match[0].toLowerCase().replace(/\.+$/, ''));
    if (MAYBE_PHONE.test(text))
      for (const number of findPhoneNumbersInText(text, defaultCountry)) found.add(number.number.number);
  }
  return [...found];
}
