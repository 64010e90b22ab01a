/** What extraction produces, shared by every format. */
export const DOCUMENT_TYPES = ['pdf', 'docx', 'html', 'markdown', 'text'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** One paragraph, list item, table row or code block, under the headings that enclose it. */
export interface DocumentBlock {
  /** The heading path above the block, outermost first (h1 > h2 > …). */
  headings: string[];
  /** The block's text, whitespace-normalised. */
  text: string;
}

export interface ExtractedDocument {
  type: DocumentType;
  title: string | null;
  blocks: DocumentBlock[];
}

export interface DocumentHints {
  filename?: string;
  contentType?: string;
}
