/**
 * Structured extraction: the model reads the numbered transcript and answers the business's schema
 * (structured output), citing the lines each value came from. The answer is validated against the
 * schema (Ajv); what breaks it is recorded as invalid, never as fact. Each value's provenance is
 * checked in code (the cited line must contain it, else the line that does is found), and a schema
 * with `x-history-gaps` gets its history's gaps computed from the extracted dates.
 */
import type OpenAI from 'openai';
import { type CompiledExtractionSchema, describeErrors, type JsonSchema } from './extraction-schema.ts';
import { type HistoryGap, historyGaps } from './history-gaps.ts';
import { completeStructured, numberedTranscript } from './structured-output.ts';

export interface ExtractionLine {
  sequence: number;
  speaker: string;
  text: string;
}

export interface FieldProvenance {
  path: string;
  lines: number[];
  source: 'model' | 'matched';
}

export interface ExtractedField {
  path: string;
  status: 'found' | 'missing' | 'invalid';
  required: boolean;
  message?: string;
}

export interface Extraction {
  /** `valid`: passed the schema; `incomplete`: passed but for required fields nobody gave; `invalid`: a value broke it; `unavailable`: no answer. */
  status: 'valid' | 'incomplete' | 'invalid' | 'unavailable';
  schemaName: string;
  schemaHash: string;
  data: Record<string, unknown> | null;
  rejected: unknown;
  fields: ExtractedField[];
  provenance: FieldProvenance[];
  errors: string[];
  gaps: HistoryGap[];
  source: 'llm' | 'rules';
  notes: string[];
}

/** What the model answers: the data, and where each value was heard. */
export interface ExtractionAnswer {
  data: unknown;
  evidence?: { path: string; lines: number[] }[];
}

export const EXTRACTION_PROMPT = `You extract structured data from the transcript of a phone call for the business that made or took it.
The user message is the transcript; each line reads "[n] Speaker: text", where n is the line's number.
Answer with a JSON object {"data": ..., "evidence": [...]}: "data" follows the JSON Schema given as the response format's "data" property, and holds only what was actually said in the call, mostly by the customer. Leave out any field nobody said; never guess or invent a value. Dates are YYYY or YYYY-MM.
For every value in "data", add {"path": its JSON Pointer (such as "/email" or "/employmentHistory/0/employer"), "lines": the numbers of the lines it was said in} to "evidence".`;

/** The response format: the business's schema as `data`, beside the evidence. */
export function extractionResponseSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _draft, $id: _id, title: _title, 'x-history-gaps': _gaps, ...data } = schema;
  return {
    type: 'object',
    properties: {
      data,
      evidence: {
        type: 'array',
        items: {
          type: 'object',
          properties: { path: { type: 'string' }, lines: { type: 'array', items: { type: 'integer' } } },
          required: ['path', 'lines'],
        },
      },
    },
    required: ['data', 'evidence'],
  };
}

/** Asks the model for the schema's data from the transcript. */
export async function extractWithModel(
  client: OpenAI,
  model: string,
  spec: CompiledExtractionSchema,
  lines: readonly ExtractionLine[],
): Promise<ExtractionAnswer> {
  const answer = (await completeStructured(client, {
    model,
    system: EXTRACTION_PROMPT,
    user: numberedTranscript(lines),
    schemaName: 'call_extraction',
    schema: extractionResponseSchema(spec.schema),
  })) as Partial<ExtractionAnswer> | null;
  return {
    data: answer && typeof answer === 'object' && 'data' in answer ? answer.data : answer,
    evidence: Array.isArray(answer?.evidence) ? answer.evidence : [],
  };
}

const present = (value: unknown) =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/** Validates an answer against the schema and works out fields, provenance and gaps. */
export function assessExtraction(
  spec: CompiledExtractionSchema,
  answer: ExtractionAnswer,
  lines: readonly ExtractionLine[],
  now: Date,
): Extraction {
  const base = {
    schemaName: spec.name,
    schemaHash: spec.hash,
    source: 'llm' as const,
    notes: [] as string[],
  };
  const data = answer.data;
  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  const valid = spec.validate(data);
  const errors = valid ? [] : describeErrors(spec.validate.errors);
  const onlyMissing = !valid && isObject && spec.validatePresent(data);
  if (!valid && !onlyMissing) {
    const invalidPaths = new Map<string, string>();
    for (const error of spec.validate.errors ?? []) {
      const top = `/${error.instancePath.split('/')[1] ?? ''}`;
      if (error.keyword === 'required' && !error.instancePath) continue;
      if (!invalidPaths.has(top)) invalidPaths.set(top, `${error.instancePath} ${error.message ?? 'is invalid'}`);
    }
    return {
      ...base,
      status: 'invalid',
      data: null,
      rejected: data ?? null,
      errors,
      provenance: [],
      gaps: [],
      fields: spec.fields.map((field) => {
        const message = invalidPaths.get(field.path);
        if (message) return { path: field.path, required: field.required, status: 'invalid', message };
        const value = isObject ? (data as Record<string, unknown>)[field.name] : undefined;
        return { path: field.path, required: field.required, status: present(value) ? 'found' : 'missing' };
      }),
    };
  }
  const record = data as Record<string, unknown>;
  const gaps =
    spec.gaps && Array.isArray(record[spec.gaps.path.slice(1)])
      ? historyGaps(
          (record[spec.gaps.path.slice(1)] as unknown[]).filter(
            (entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
          ),
          spec.gaps,
          now,
        )
      : [];
  return {
    ...base,
    status: valid ? 'valid' : 'incomplete',
    data: record,
    rejected: null,
    errors,
    gaps,
    provenance: provenanceOf(record, answer.evidence ?? [], lines),
    fields: spec.fields.map((field) => ({
      path: field.path,
      required: field.required,
      status: present(record[field.name]) ? 'found' : 'missing',
    })),
  };
}

/** The extraction when no answer could be had: every field missing, and why. */
export function unavailableExtraction(spec: CompiledExtractionSchema, reason: string): Extraction {
  return {
    status: 'unavailable',
    schemaName: spec.name,
    schemaHash: spec.hash,
    data: null,
    rejected: null,
    fields: spec.fields.map((f) => ({ path: f.path, required: f.required, status: 'missing' })),
    provenance: [],
    errors: [],
    gaps: [],
    source: 'rules',
    notes: [reason],
  };
}

/** Required fields the caller has not given yet (missing or not usable): what the voice agent should still ask for. */
export function missingRequired(spec: CompiledExtractionSchema, extraction: Extraction) {
  return extraction.fields
    .filter((field) => field.required && field.status !== 'found')
    .map((field) => spec.fields.find((f) => f.path === field.path)!);
}

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}@.+]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Whether a line says the value: its words (or digits) appear in the line. */
function says(line: ExtractionLine, value: unknown): boolean {
  if (typeof value === 'boolean') return false;
  const wanted = normalize(String(value)).replace(/\.$/, '');
  if (!wanted) return false;
  const text = normalize(line.text);
  if (text.includes(wanted)) return true;
  const digits = wanted.replace(/\D/g, '');
  return digits.length >= 4 && text.replace(/\D/g, '').includes(digits);
}

/** Every leaf value of the data with its JSON Pointer. */
function leaves(value: unknown, path = ''): { path: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${path}/${i}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      leaves(item, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    );
  }
  return value === null || value === undefined || value === '' ? [] : [{ path, value }];
}

/**
 * Where each value was heard: the lines the model cited when they contain it, else the caller's
 * lines (then anyone's) that do. A value no line contains gets no provenance.
 */
function provenanceOf(
  data: Record<string, unknown>,
  evidence: readonly { path: string; lines: number[] }[],
  lines: readonly ExtractionLine[],
): FieldProvenance[] {
  const bySequence = new Map(lines.map((line) => [line.sequence, line]));
  const result: FieldProvenance[] = [];
  for (const leaf of leaves(data)) {
    const cited = evidence
      .filter((e) => typeof e.path === 'string' && (leaf.path === e.path || leaf.path.startsWith(`${e.path}/`)))
      .flatMap((e) => (Array.isArray(e.lines) ? e.lines : []))
      .filter((n) => typeof n === 'number' && bySequence.has(n));
    const confirmed = [...new Set(cited)].filter((n) => says(bySequence.get(n)!, leaf.value));
    if (confirmed.length) {
      result.push({ path: leaf.path, lines: confirmed, source: 'model' });
      continue;
    }
    const saidByCaller = lines.filter((line) => line.speaker === 'customer' && says(line, leaf.value));
    const saidByAnyone = saidByCaller.length ? saidByCaller : lines.filter((line) => says(line, leaf.value));
    if (saidByAnyone.length) {
      result.push({ path: leaf.path, lines: saidByAnyone.map((l) => l.sequence), source: 'matched' });
    } else if (typeof leaf.value === 'boolean' && cited.length) {
      result.push({ path: leaf.path, lines: [...new Set(cited)], source: 'model' });
    }
  }
  return result;
}
