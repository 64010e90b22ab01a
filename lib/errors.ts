/** Expected failures: each has a stable code that API clients can switch on. */
export abstract class AppError extends Error {
  abstract readonly code: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export class ValidationError extends AppError {
  readonly code = 'VALIDATION_FAILED';
  readonly fieldErrors: FieldError[];
  constructor(fieldErrors: FieldError[]) {
    super(`Invalid input: ${fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    this.name = 'ValidationError';
    this.fieldErrors = fieldErrors;
  }
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  readonly entity: string;
  readonly entityId: string;
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`);
    this.name = 'NotFoundError';
    this.entity = entity;
    this.entityId = id;
  }
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Wrong email or password; deliberately does not say which. */
export class InvalidCredentialsError extends AppError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('The email or password is not correct.');
    this.name = 'InvalidCredentialsError';
  }
}

/** A refresh or reset token that is unknown, expired, already used or revoked. */
export class InvalidTokenError extends AppError {
  readonly code = 'INVALID_TOKEN';
  constructor(message = 'The token is invalid or has expired.') {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** The caller's role allows the operation, but not on this particular thing (e.g. someone else's note). */
export class ForbiddenActionError extends AppError {
  readonly code = 'FORBIDDEN_ACTION';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenActionError';
  }
}
