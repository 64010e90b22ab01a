const E164 = /^\+[1-9]\d{1,14}$/;

/** True for an E.164 number: a plus, a country code, at most 15 digits in all. */
export function isE164(value: string): boolean {
  return E164.test(value);
}
