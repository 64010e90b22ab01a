/** An export (`export-<id>`): writes the file, keeps it for its retention, then deletes it. */

export const EXPORT_WORKFLOW_TYPE = 'exportWorkflow';
export const exportWorkflowId = (exportId: string): string => `export-${exportId}`;

export interface ExportWorkflowInput {
  exportId: string;
  /** The file is deleted this long after it is written. */
  retentionSeconds: number;
}

export type ExportWorkflowResult = { status: 'expired' | 'failed'; rows: number };
export type ExportWorkflow = (input: ExportWorkflowInput) => Promise<ExportWorkflowResult>;
