import {
  type AppError,
  ConflictError,
  type FieldError,
  ForbiddenActionError,
  InvalidCredentialsError,
  InvalidTokenError,
  NotFoundError,
  ValidationError,
} from '../lib/errors.ts';
import { builder } from './builder.ts';

/** Every expected error in a result union implements this. */
export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  fields: (t) => ({ field: t.exposeString('field'), message: t.exposeString('message') }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ fieldErrors: t.field({ type: [FieldErrorRef], resolve: (e) => e.fieldErrors }) }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ entity: t.exposeString('entity'), entityId: t.exposeString('entityId') }),
});

builder.objectType(ConflictError, { name: 'ConflictError', interfaces: [ErrorInterface] });

builder.objectType(InvalidCredentialsError, { name: 'InvalidCredentialsError', interfaces: [ErrorInterface] });

builder.objectType(InvalidTokenError, { name: 'InvalidTokenError', interfaces: [ErrorInterface] });

builder.objectType(ForbiddenActionError, { name: 'ForbiddenActionError', interfaces: [ErrorInterface] });
