import { randomUUID } from 'node:crypto';
import type { Permission } from '../../../../lib/permissions.ts';

export type Access = Permission | 'authenticated' | 'public';
export interface Operation {
  field: string;
  kind: 'query' | 'mutation' | 'subscription';
  access: Access;
  /** Inputs that are authorised or not, but change nothing when they are. */
  document: string;
  /** Sent as a GraphQL multipart request with a small file as `$file`. */
  upload?: boolean;
}

/** An id nothing has: the operations that take one are authorised (or not) and then find nothing. */
export const unknownId = randomUUID();
