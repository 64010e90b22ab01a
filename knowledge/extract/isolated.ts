/**
 * Extraction where a hostile file cannot take its caller down: a worker thread per document, with
 * a heap limit, a watch on the memory its buffers take outside the heap (which V8's limits do not
 * cover, and where PDF.js and JSZip inflate), and a deadline. The thread first refuses bombs
 * (./inflation.ts), then extracts; past any bound it is terminated and the file is refused as broken.
 */
import { Worker } from 'node:worker_threads';
import type { Config } from '../../lib/config.ts';
import { BrokenDocumentError, firstLine, UnsupportedDocumentError } from './errors.ts';
import { sniffDocumentType } from './sniff.ts';
import type { ExtractionJob, ExtractionOutcome } from './thread.ts';
import type { DocumentHints, DocumentType, ExtractedDocument } from './types.ts';

/** MAX_EXTRACTED_BYTES (what a DOCX's members or a PDF's streams may inflate to) and EXTRACTION_MAX_MEMORY_MB. */
export type ExtractionLimits = Pick<Config['knowledge'], 'maxExtractedBytes' | 'extractionMaxMemoryMb'>;

/** As long as extractDocument's own deadline, which a synchronous parser loop could outlast. */
const TIMEOUT_MS = 60_000;
/** How often the thread's off-heap memory is read; an interrupt reaches it even mid-computation. */
const MEMORY_POLL_MS = 25;

const THREAD = new URL('./thread.ts', import.meta.url);

/**
 * Extracts a document in a worker thread, within `limits`. Throws the same typed errors as
 * extractDocument; a file that takes too long or too much memory is a BrokenDocumentError.
 */
export async function extractInWorker(
  bytes: Uint8Array,
  hints: DocumentHints & { type?: DocumentType },
  limits: ExtractionLimits,
): Promise<ExtractedDocument> {
  if (bytes.length === 0) throw new UnsupportedDocumentError('an empty file');
  const type = hints.type ?? sniffDocumentType(bytes, hints);
  const job: ExtractionJob = { bytes, hints: { ...hints, type }, maxExtractedBytes: limits.maxExtractedBytes };
  const worker = new Worker(THREAD, {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: limits.extractionMaxMemoryMb },
  });
  const maxExternalBytes = limits.extractionMaxMemoryMb * 1024 * 1024;
  let overLimit: BrokenDocumentError | null = null;
  const stop = (error: BrokenDocumentError) => {
    overLimit ??= error;
    void worker.terminate();
  };
  const deadline = setTimeout(
    () => stop(new BrokenDocumentError(type, `reading it took longer than ${TIMEOUT_MS / 1000} seconds`)),
    TIMEOUT_MS,
  );
  const tooMuchMemory = () =>
    new BrokenDocumentError(type, `reading it needs more than ${limits.extractionMaxMemoryMb} MB`);
  const watch = setInterval(() => {
    worker
      .getHeapStatistics()
      .then((stats) => {
        if (stats.external_memory > maxExternalBytes) stop(tooMuchMemory());
      })
      .catch(() => undefined);
  }, MEMORY_POLL_MS);
  try {
    const outcome = await new Promise<ExtractionOutcome | null>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', (error: Error & { code?: string }) =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooMuchMemory()
            : new BrokenDocumentError(type, firstLine(error.message)),
        ),
      );
      worker.once('exit', () => resolve(null));
    });
    if (overLimit) throw overLimit;
    if (!outcome) throw new BrokenDocumentError(type, 'reading it stopped unexpectedly');
    if ('unsupported' in outcome)
      throw new UnsupportedDocumentError(outcome.unsupported.detected, outcome.unsupported.advice);
    if ('broken' in outcome) throw new BrokenDocumentError(outcome.broken.type, outcome.broken.reason);
    return outcome.document;
  } catch (error) {
    throw overLimit ?? error;
  } finally {
    clearTimeout(deadline);
    clearInterval(watch);
    await worker.terminate();
  }
}
