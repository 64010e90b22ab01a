/**
 * The worker thread of extractInWorker: checks the file for bombs, extracts it, and posts back the
 * document or the typed failure (errors cross threads as plain data).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BrokenDocumentError, firstLine, UnsupportedDocumentError } from './errors.ts';
import { checkInflation } from './inflation.ts';
import type { DocumentHints, DocumentType, ExtractedDocument } from './types.ts';

export interface ExtractionJob {
  bytes: Uint8Array;
  hints: DocumentHints & { type: DocumentType };
  maxExtractedBytes: number;
}

export type ExtractionOutcome =
  | { document: ExtractedDocument }
  | { unsupported: { detected: string; advice?: string } }
  | { broken: { type: DocumentType; reason: string } };

async function run({ bytes, hints, maxExtractedBytes }: ExtractionJob): Promise<ExtractionOutcome> {
  try {
    checkInflation(bytes, hints.type, maxExtractedBytes);
    // The parsers are loaded only for a file that passed, so a refused bomb costs the thread little.
    const { extractDocument } = await import('./index.ts');
    return { document: await extractDocument(bytes, hints) };
  } catch (error) {
    if (error instanceof UnsupportedDocumentError)
      return { unsupported: { detected: error.detected, advice: error.advice } };
    if (error instanceof BrokenDocumentError) return { broken: { type: error.type, reason: error.reason } };
    return { broken: { type: hints.type, reason: firstLine(error instanceof Error ? error.message : String(error)) } };
  }
}

parentPort?.postMessage(await run(workerData as ExtractionJob));
