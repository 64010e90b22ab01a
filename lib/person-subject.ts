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

/** HMAC-SHA256 of the subject under the organisation's current data key, hex. */
export function subjectHash(encryption: Encryption, organizationId: string, subject: Subject): string {
  return createHmac('sha256', encryption.dataKey(organizationId))
    .update(`person-subject:${subject.kind}:${subject.value}`)
    .digest('hex');
}

/** `•••• 0014` for a number, `j•••@e•••` for an email. */
export function subjectHint(subject: Subject): string {
  if (subject.kind === 'phone') return `•••• ${subject.value.slice(-4)}`;
  const [local = '', domain = ''] = subject.value.split('@');
  return `${local.slice(0, 1)}•••@${domain.slice(0, 1)}•••`;
}
