import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Chunk, chunkBlocks } from '../../knowledge/chunk.ts';
import { extractDocument } from '../../knowledge/extract/index.ts';
import { uuidFor } from '../../lib/ids.ts';

const CORPUS_DIR = join(import.meta.dirname, 'corpus');
/** The labelled sets: the original one (keyword-heavy) and the one that sounds like calls (tuning and held-back halves). */
export const QUESTION_SETS = {
  original: join(import.meta.dirname, 'questions.json'),
  calls: join(import.meta.dirname, 'call-questions.json'),
};
export type QuestionSet = keyof typeof QUESTION_SETS;

export interface Question {
  id: string;
  question: string;
  doc: string;
  section: string;
  style: string;
  /** Call-style questions only: whether alpha and thresholds were chosen on it (`tuning`) or not (`held-back`). */
  split?: 'tuning' | 'held-back';
}

export interface Document {
  file: string;
  entryId: string;
  title: string;
  chunks: Chunk[];
}

/** The Markdown corpus as ingestion reads it: each document extracted and chunked. */
export async function readCorpus(): Promise<Document[]> {
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const extracted = await extractDocument(readFileSync(join(CORPUS_DIR, file)), { filename: file });
      return {
        file,
        entryId: uuidFor('bench-rag-document', file),
        title: extracted.title ?? file,
        chunks: chunkBlocks(extracted.blocks),
      };
    }),
  );
}

/** Reads the labelled set and refuses labels that name no section of the chunked corpus. */
export function readQuestions(documents: Document[], set: QuestionSet): Question[] {
  const questions = JSON.parse(readFileSync(QUESTION_SETS[set], 'utf8')) as Question[];
  const bad = questions.filter((q) => {
    const document = documents.find((d) => d.file === q.doc);
    return !document?.chunks.some((c) => inSection(c.heading, q.section));
  });
  if (bad.length) throw new Error(`questions with no matching section: ${bad.map((q) => q.id).join(', ')}`);
  return questions;
}

/** Whether a chunk's heading path holds `section`. */
export function inSection(heading: string, section: string): boolean {
  return heading.split(' > ').includes(section);
}

/** The corpus's size on disk, in bytes. */
export const corpusBytes = () =>
  readdirSync(CORPUS_DIR).reduce((sum, f) => sum + readFileSync(join(CORPUS_DIR, f)).length, 0);
