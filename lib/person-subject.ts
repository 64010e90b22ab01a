/**
 * Who a subject request is about, as stored: never the number or email itself, but a keyed hash of it
 * (so later requests find earlier ones about the same person) and a hint a person can recognise.
 */
import { createHmac } from 'node:crypto';
import type { Encryption } from './encryption.ts';

export interface Subject {
  kind: 'phone' | 'email';
  value: string;
}

/** HMAC-SHA256 of the subject under the organisation's data key (the current master key's), hex. */
export function subjectHash(
  encryption: Encryption,
  organizationId: string,
  subject: Subject,
  keyId = encryption.currentKeyId,
): string {
  return createHmac('sha256', encryption.dataKey(organizationId, keyId))
    .update(`person-subject:${subject.kind}:${subject.value}`)
    .digest('hex');
}

/**
 * The subject's hash under every configured master key: stored with a request, so that a later
 * request finds it while any key it shares with it is configured (an erasure after a rotation still
 * finds the exports made before it).
 */
export const subjectHashes = (encryption: Encryption, organizationId: string, subject: Subject): string[] =>
  encryption.keyIds.map((keyId) => subjectHash(encryption, organizationId, subject, keyId));

/** `•••• 0014` for a number, `j•••@e•••` for an email. */
export function subjectHint(subject: Subject): string {
  if (subject.kind === 'phone') return `•••• ${subject.value.slice(-4)}`;
  const [local = '', domain = ''] = subject.value.split('@');
  return `${local.slice(0, 1)}•••@${domain.slice(0, 1)}•••`;
}
