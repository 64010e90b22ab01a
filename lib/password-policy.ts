/** Pure rules about accounts, shared by the gateway and the seed script. */
import { ValidationError } from './errors.ts';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function assertPasswordPolicy(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError([{ field: 'password', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }]);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError([{ field: 'password', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }]);
  }
}
