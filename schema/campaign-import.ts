/**
 * Contacts into a campaign: a CSV file read as a stream (csv-parse, so 100,000 rows never sit in
 * memory at once), each row mapped by its header, its number normalised to E.164 in the campaign's
 * country (libphonenumber-js) and its time zones looked up; good rows are added in batches, bad ones
 * kept with their line and why. The API's `addCampaignContacts` goes through the same checks.
 */

import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse';
import { addContacts, type ContactsAdded, type NewContact } from '../db/campaigns.ts';
import { type Campaign, CampaignImport, CampaignImportError } from '../db/entities/index.ts';
import type { Encryption } from '../lib/encryption.ts';
import type { FieldError } from '../lib/errors.ts';
import { type CountryCode, normalizePhoneNumber, timeZonesOf } from '../lib/phone.ts';

/** Which CSV column holds what; columns named in `variables` become the contact's template variables. */
export interface ColumnMapping {
  phoneNumber: string;
  name?: string | null;
  timeZone?: string | null;
  consent?: string | null;
  variables?: string[] | null;
}

/** One contact as given (a CSV row mapped, or an API input). */
export interface ContactInput {
  phoneNumber: string;
  name?: string | null;
  timeZone?: string | null;
  /** As written: yes/no, true/false, 1/0, y/n; empty for unknown. */
  consent?: string | boolean | null;
  variables?: Record<string, string>;
}

const MAX_NAME = 200;
const MAX_VARIABLE = 500;
const MAX_VARIABLES = 30;
/** Rows written to Postgres at a time. */
const BATCH = 1_000;

/** A column header as a template variable name: `Plan Level` → `plan_level`. */
export const variableName = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);

const CONSENT: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  '1': true,
  no: false,
  n: false,
  false: false,
  '0': false,
};

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A contact checked, or the problems with it (field by field). */
export function checkContact(
  input: ContactInput,
  country: CountryCode | undefined,
  sourceLine: number | null = null,
): { contact: NewContact } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  const phone = normalizePhoneNumber(input.phoneNumber ?? '', country);
  if (!phone.ok) problems.push({ field: 'phoneNumber', message: `${input.phoneNumber || 'empty'}: ${phone.problem}` });
  const name = input.name?.trim() || null;
  if (name && name.length > MAX_NAME)
    problems.push({ field: 'name', message: `must be at most ${MAX_NAME} characters` });
  const timeZone = input.timeZone?.trim() || null;
  if (timeZone && !knownZone(timeZone)) {
    problems.push({ field: 'timeZone', message: `${timeZone} is not an IANA time zone such as America/New_York` });
  }
  let consent: boolean | null = null;
  if (typeof input.consent === 'boolean') consent = input.consent;
  else if (input.consent?.trim()) {
    const read = CONSENT[input.consent.trim().toLowerCase()];
    if (read === undefined) problems.push({ field: 'consent', message: `${input.consent} is not yes or no` });
    else consent = read;
  }
  const variables: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.variables ?? {})) {
    if (value.length > MAX_VARIABLE)
      problems.push({ field: `variables.${key}`, message: `must be at most ${MAX_VARIABLE} characters` });
    else if (value.trim()) variables[key] = value.trim();
  }
  if (Object.keys(variables).length > MAX_VARIABLES) {
    problems.push({ field: 'variables', message: `at most ${MAX_VARIABLES} variables` });
  }
  if (problems.length || !phone.ok) return { problems };
  return {
    contact: {
      phoneNumber: phone.e164,
      name,
      timeZone,
      numberTimeZones: timeZonesOf(phone.e164),
      variables,
      consent,
      sourceLine,
    },
  };
}

/** The mapping a header suggests: the columns that look like a phone, a name, a time zone, a consent; the rest are variables. */
export function suggestMapping(headers: string[]): ColumnMapping {
  const find = (pattern: RegExp) => headers.find((h) => pattern.test(h));
  const phoneNumber = find(/phone|mobile|cell|number|tel/i) ?? headers[0] ?? '';
  const name = find(/^(full.?)?name$|^contact$/i) ?? find(/name/i) ?? null;
  const timeZone = find(/time.?zone|^tz$/i) ?? null;
  const consent = find(/consent|opt.?in|permission/i) ?? null;
  const taken = new Set([phoneNumber, name, timeZone, consent]);
  return { phoneNumber, name, timeZone, consent, variables: headers.filter((h) => !taken.has(h)) };
}

/** The mapping's columns that the header lacks (by name). */
export function missingColumns(mapping: ColumnMapping, headers: string[]): FieldError[] {
  const wanted: [string, string | null | undefined][] = [
    ['mapping.phoneNumber', mapping.phoneNumber],
    ['mapping.name', mapping.name],
    ['mapping.timeZone', mapping.timeZone],
    ['mapping.consent', mapping.consent],
    ...(mapping.variables ?? []).map((v, i): [string, string] => [`mapping.variables.${i}`, v]),
  ];
  return wanted
    .filter(([, column]) => column && !headers.includes(column))
    .map(([field, column]) => ({ field, message: `the file has no column ${column}` }));
}

/** A CSV row as the mapping reads it. */
function mapRow(headers: string[], values: string[], mapping: ColumnMapping): ContactInput {
  const cell = (column: string | null | undefined) => (column ? values[headers.indexOf(column)] : undefined);
  return {
    phoneNumber: cell(mapping.phoneNumber) ?? '',
    name: cell(mapping.name) ?? null,
    timeZone: cell(mapping.timeZone) ?? null,
    consent: cell(mapping.consent) ?? null,
    variables: Object.fromEntries(
      (mapping.variables ?? []).map((column) => [variableName(column), cell(column) ?? '']),
    ),
  };
}

/** The stream's chunks; the upload's stream is a ponyfill that `Readable.fromWeb` does not take. */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export interface CsvRow {
  line: number;
  values: string[];
}

/**
 * The file's header and its rows, one at a time as the parser reads them. A malformed row (an
 * unclosed quote) is reported through `onBadRow` with its line and skipped; reading goes on.
 */
export async function* csvRows(
  stream: ReadableStream<Uint8Array>,
  onHeader: (headers: string[]) => void,
  onBadRow: (line: number, message: string) => void,
): AsyncGenerator<CsvRow> {
  const parser = Readable.from(chunksOf(stream)).pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      info: true,
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => onBadRow(error.lines ?? 0, error.message));
  let header = true;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (header) {
      header = false;
      onHeader(record);
      continue;
    }
    yield { line: info.lines, values: record };
  }
}

export interface ImportOutcome extends ContactsAdded {
  rows: number;
  failed: number;
}

/**
 * Imports a CSV file into a campaign: rows are checked and added a batch at a time; each bad row is
 * kept (line and reason) and never stops the import. Answers the import's record.
 */
export async function importContactsCsv(
  em: EntityManager,
  campaign: Campaign,
  file: { name: string; stream(): ReadableStream<Uint8Array> },
  options: {
    mapping: ColumnMapping | null;
    country: CountryCode | undefined;
    createdBy: string;
    /** Seals the contacts' variables (db/sealed-columns.ts). */
    encryption: Encryption;
  },
): Promise<CampaignImport> {
  const record = em.create(CampaignImport, {
    campaign,
    organization: campaign.organization,
    fileName: file.name.slice(0, 255),
    createdByLabel: options.createdBy,
  });
  await em.flush();
  const totals: ImportOutcome = { rows: 0, added: 0, merged: 0, doNotCall: 0, failed: 0 };
  let contacts: NewContact[] = [];
  let errors: { line: number; field: string | null; message: string }[] = [];
  let headers: string[] = [];
  let mapping: ColumnMapping | null = options.mapping;
  const flush = async () => {
    if (contacts.length) {
      const added = await addContacts(
        em,
        options.encryption,
        { id: campaign.id, organizationId: campaign.organization.id },
        contacts,
      );
      totals.added += added.added;
      totals.merged += added.merged;
      totals.doNotCall += added.doNotCall;
      contacts = [];
    }
    if (errors.length) {
      await em.insertMany(
        CampaignImportError,
        errors.map((e) => ({ import: record.id, line: e.line, field: e.field, message: e.message.slice(0, 500) })),
      );
      errors = [];
    }
  };
  const rowFailed = (line: number, field: string | null, message: string) => {
    totals.failed += 1;
    errors.push({ line, field, message });
  };
  for await (const row of csvRows(
    file.stream(),
    (found) => {
      headers = found;
      mapping ??= suggestMapping(found);
    },
    (line, message) => {
      totals.rows += 1;
      rowFailed(line, null, `the row cannot be read: ${message}`);
    },
  )) {
    totals.rows += 1;
    const checked = checkContact(mapRow(headers, row.values, mapping!), options.country, row.line);
    if ('contact' in checked) contacts.push(checked.contact);
    else for (const problem of checked.problems) rowFailed(row.line, problem.field, problem.message);
    if (contacts.length + errors.length >= BATCH) await flush();
  }
  await flush();
  // A row with several problems counts once.
  const [failedRows] = await em.execute<{ n: string }[]>(
    'select count(distinct line) as n from campaign_import_error where import_id = ?',
    [record.id],
  );
  Object.assign(record, { ...totals, failed: Number(failedRows?.n ?? 0) });
  await em.flush();
  return record;
}

/** The header, the mapping it suggests (or the one given) and the first rows as they would import. */
export async function previewContactsCsv(
  file: { stream(): ReadableStream<Uint8Array> },
  options: { mapping: ColumnMapping | null; country: CountryCode | undefined; rows: number },
) {
  let headers: string[] = [];
  const rows: { line: number; values: string[]; phoneNumber: string | null; problems: FieldError[] }[] = [];
  const stream = file.stream();
  for await (const row of csvRows(
    stream,
    (found) => {
      headers = found;
    },
    (line, message) => rows.push({ line, values: [], phoneNumber: null, problems: [{ field: 'row', message }] }),
  )) {
    const mapping = options.mapping ?? suggestMapping(headers);
    const checked = checkContact(mapRow(headers, row.values, mapping), options.country, row.line);
    rows.push({
      line: row.line,
      values: row.values,
      phoneNumber: 'contact' in checked ? checked.contact.phoneNumber : null,
      problems: 'problems' in checked ? checked.problems : [],
    });
    if (rows.length >= options.rows) break;
  }
  const mapping = options.mapping ?? suggestMapping(headers);
  return { headers, mapping, missing: missingColumns(mapping, headers), rows };
}
