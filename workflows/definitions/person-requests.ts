/**
 * A person's rights over their data: an export of everything about them (`person-export-<id>`) and
 * its erasure (`person-erasure-<id>`), the id being the `person_request` row's.
 */

export const PERSON_EXPORT_WORKFLOW_TYPE = 'personExportWorkflow';
export const PERSON_ERASURE_WORKFLOW_TYPE = 'personErasureWorkflow';
export const personExportWorkflowId = (requestId: string): string => `person-export-${requestId}`;
export const personErasureWorkflowId = (requestId: string): string => `person-erasure-${requestId}`;

/** Who a request is about: an E.164 phone number or a lower-cased email address. */
export interface PersonSubject {
  kind: 'phone' | 'email';
  value: string;
}

export interface PersonExportInput {
  requestId: string;
  /** The archive is an export (`data_export`) of its own: its id, and how long its file is kept. */
  exportId: string;
  subject: PersonSubject;
  retentionSeconds: number;
}
export type PersonExportResult = { status: 'expired' | 'failed'; calls: number };
export type PersonExportWorkflow = (input: PersonExportInput) => Promise<PersonExportResult>;

export interface PersonErasureInput {
  requestId: string;
  subject: PersonSubject;
  addToDoNotCall: boolean;
}
export type PersonErasureResult = { status: 'completed' | 'failed'; calls: number };
export type PersonErasureWorkflow = (input: PersonErasureInput) => Promise<PersonErasureResult>;

/** How many calls one erasure batch anonymises, and how many workflow executions one batch deletes. */
export const ERASURE_CALL_BATCH = 50;
export const ERASURE_WORKFLOW_BATCH = 100;
