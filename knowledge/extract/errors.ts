/** The typed failures of extraction: the file is of the wrong kind, or of the right kind but unreadable. */
import type { DocumentType } from './types.ts';

const TYPE_LABELS: Record<DocumentType, string> = {
  pdf: 'PDF',
  docx: 'Word document (.docx)',
  html: 'HTML',
  markdown: 'Markdown',
  text: 'plain text',
};

const SUPPORTED = 'PDF, Word (.docx), HTML, Markdown and plain text (UTF-8)';

/** The file is not a kind of document the knowledge base can read. */
export class UnsupportedDocumentError extends Error {
  readonly code = 'UNSUPPORTED_DOCUMENT';
  override readonly name = 'UnsupportedDocumentError';
  /** What the file was recognised as, e.g. "a PNG image". */
  readonly detected: string;
  readonly advice: string | undefined;

  /** `advice` is a sentence on what to do instead, e.g. "Save it as .docx or PDF and upload it again." */
  constructor(detected: string, advice?: string) {
    const tail = advice ? ` ${advice}` : '';
    super(`Detected ${detected}, which cannot be added to the knowledge base; supported are ${SUPPORTED}.${tail}`);
    this.detected = detected;
    this.advice = advice;
  }
}

/** The file is a supported kind of document but cannot be read, or holds no text. */
export class BrokenDocumentError extends Error {
  readonly code = 'BROKEN_DOCUMENT';
  override readonly name = 'BrokenDocumentError';
  readonly type: DocumentType;
  readonly reason: string;

  constructor(type: DocumentType, reason: string, options?: ErrorOptions) {
    super(`The file could not be read as ${TYPE_LABELS[type]}: ${reason}.`, options);
    this.type = type;
    this.reason = reason;
  }
}

/** The first line of an error message, without a closing full stop (it goes inside a sentence). */
export function firstLine(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  return (line.endsWith('.') ? line.slice(0, -1) : line) || 'unknown error';
}
