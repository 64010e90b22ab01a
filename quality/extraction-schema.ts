/**
 * A business's extraction schema: the JSON Schema (draft-07) of the data its calls collect, checked
 * and compiled with Ajv, a maintained validator that implements the whole specification (formats
 * through ajv-formats), and the employment-history template. A schema may ask for gap analysis of a
 * history array with `x-history-gaps`, which the code computes from the extracted dates.
 */
import { createHash } from 'node:crypto';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type JsonSchema = Record<string, unknown>;

/** `x-history-gaps`: which array holds the history, and the names of each entry's start and end. */
export interface HistoryGapSettings {
  /** JSON Pointer of the array in the data, e.g. `/employmentHistory`. */
  path: string;
  start: string;
  end: string;
  /** Shorter uncovered stretches are not reported. */
  minMonths: number;
}

/** A top-level field of the schema, as the console and the voice agent name it. */
export interface SchemaField {
  path: string;
  name: string;
  description: string | null;
  required: boolean;
}

export interface CompiledExtractionSchema {
  schema: JsonSchema;
  name: string;
  hash: string;
  fields: SchemaField[];
  validate: ValidateFunction;
  /** The schema without its top-level `required`: data that passes it only lacks required fields. */
  validatePresent: ValidateFunction;
  gaps: HistoryGapSettings | null;
}

const MAX_SCHEMA_BYTES = 32_000;
const DATE_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2]))?$';

/** The seed's worker profile: who the caller is, how to reach them, and their work history with dates. */
export const EMPLOYMENT_HISTORY_TEMPLATE: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Employment history profile',
  type: 'object',
  properties: {
    fullName: { type: 'string', minLength: 2, maxLength: 120, description: "The caller's full name." },
    email: { type: 'string', format: 'email', description: 'Where to reach them by email.' },
    phone: { type: 'string', pattern: '^\\+?[0-9 ().-]{7,20}$', description: 'A phone number they gave.' },
    employmentHistory: {
      type: 'array',
      minItems: 1,
      description: 'Every job they mentioned, oldest first.',
      items: {
        type: 'object',
        required: ['employer', 'start'],
        properties: {
          employer: { type: 'string', minLength: 1 },
          title: { type: 'string' },
          start: { type: 'string', pattern: DATE_PATTERN, description: 'YYYY or YYYY-MM.' },
          end: {
            type: ['string', 'null'],
            pattern: DATE_PATTERN,
            description: 'YYYY or YYYY-MM; null while still there.',
          },
        },
      },
    },
    skills: { type: 'array', items: { type: 'string' }, description: 'Skills and certificates they named.' },
  },
  required: ['fullName', 'employmentHistory'],
  'x-history-gaps': { path: '/employmentHistory', start: 'start', end: 'end', minMonths: 6 },
};

export const EXTRACTION_TEMPLATES: Record<string, { label: string; schema: JsonSchema }> = {
  employment_history: {
    label: 'Employment history (worker profile with gap analysis)',
    schema: EMPLOYMENT_HISTORY_TEMPLATE,
  },
};

function newAjv(): Ajv {
  // strict off: a business's schema may carry annotations of its own (`x-…`); the meta-schema still checks the rest.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv;
}

const ajv = newAjv();

/** One validator message per error, with where it applies: "/email must match format "email"". */
export const describeErrors = (errors: readonly ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) =>
    e.keyword === 'required'
      ? `${e.instancePath || '/'} is missing ${(e.params as { missingProperty: string }).missingProperty}`
      : `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`,
  );

/** The schema's problems (empty when it can be used): not an object schema, not valid JSON Schema, or an unusable `x-history-gaps`. */
export function extractionSchemaProblems(schema: unknown): string[] {
  try {
    compileExtractionSchema(schema);
    return [];
  } catch (error) {
    return error instanceof ExtractionSchemaError ? error.problems : [(error as Error).message];
  }
}

export class ExtractionSchemaError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The extraction schema cannot be used: ${problems.join('; ')}`);
    this.name = 'ExtractionSchemaError';
    this.problems = problems;
  }
}

const compiled = new Map<string, CompiledExtractionSchema>();

/** Checks and compiles a schema (cached by its hash); throws ExtractionSchemaError saying what is wrong. */
export function compileExtractionSchema(schema: unknown): CompiledExtractionSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new ExtractionSchemaError(['must be a JSON object']);
  }
  const text = JSON.stringify(schema);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const cached = compiled.get(hash);
  if (cached) return cached;
  const object = schema as JsonSchema;
  const problems: string[] = [];
  if (text.length > MAX_SCHEMA_BYTES) problems.push(`must be at most ${MAX_SCHEMA_BYTES} bytes`);
  if (object.type !== 'object') problems.push('type must be "object"');
  const properties = object.properties as Record<string, JsonSchema> | undefined;
  if (typeof properties !== 'object' || properties === null || !Object.keys(properties).length) {
    problems.push('properties must name at least one field');
  }
  if (!ajv.validateSchema(object)) {
    problems.push(...describeErrors(ajv.errors).map((m) => `is not valid JSON Schema: ${m}`));
  }
  const gaps = gapSettings(object, problems);
  if (problems.length) throw new ExtractionSchemaError(problems);
  let validate: ValidateFunction;
  let validatePresent: ValidateFunction;
  try {
    validate = ajv.compile(object);
    // A second compile of a schema with an $id would clash with the first.
    const { required: _required, $id: _id, ...present } = object;
    validatePresent = ajv.compile(present);
  } catch (error) {
    throw new ExtractionSchemaError([(error as Error).message]);
  }
  const required = new Set(Array.isArray(object.required) ? (object.required as string[]) : []);
  const fields = Object.entries(properties ?? {}).map(([name, property]) => ({
    path: `/${name}`,
    name,
    description: typeof property?.description === 'string' ? property.description : null,
    required: required.has(name),
  }));
  const name = typeof object.title === 'string' && object.title.trim() ? object.title.trim() : 'Extraction';
  const result = { schema: object, name, hash, fields, validate, validatePresent, gaps };
  compiled.set(hash, result);
  return result;
}

function gapSettings(schema: JsonSchema, problems: string[]): HistoryGapSettings | null {
  const raw = schema['x-history-gaps'] as Partial<HistoryGapSettings> | undefined;
  if (raw === undefined) return null;
  const path = typeof raw?.path === 'string' ? raw.path : '';
  const property = (schema.properties as Record<string, JsonSchema> | undefined)?.[path.replace(/^\//, '')];
  if (!/^\/[^/]+$/.test(path) || property?.type !== 'array') {
    problems.push('x-history-gaps.path must point to a top-level array property, e.g. "/employmentHistory"');
    return null;
  }
  return {
    path,
    start: typeof raw.start === 'string' ? raw.start : 'start',
    end: typeof raw.end === 'string' ? raw.end : 'end',
    minMonths: typeof raw.minMonths === 'number' && raw.minMonths >= 1 ? Math.floor(raw.minMonths) : 6,
  };
}
