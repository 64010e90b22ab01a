/**
 * The Chat Completions simulator's structured output: an answer against the JSON Schema a request
 * gives (`response_format: json_schema`), filled from the transcript it is handed by simple visible
 * rules, so extraction, summaries and the adversarial grade can be tested end to end without keys.
 * Values come from the caller's lines; each found value is cited with the line it came from.
 */

type Json = Record<string, unknown>;
type Schema = Record<string, unknown>;

interface Line {
  number: number;
  speaker: string;
  text: string;
}

/** "[n] Speaker: text" (also "[mm:ss] Speaker: text"). */
const LINE = /^\[([\d:]+)\]\s*(customer|ai|agent|human_agent|system):\s*(.*)$/i;

export function parseNumberedTranscript(text: string): Line[] {
  return text
    .split('\n')
    .map((line) => LINE.exec(line.trim()))
    .filter((match) => match !== null)
    .map((match, index) => ({
      number: /^\d+$/.test(match[1]!) ? Number(match[1]) : index,
      speaker: match[2]!.toLowerCase(),
      text: match[3]!,
    }));
}

interface Found {
  value: unknown;
  lines: number[];
  /** For a list read one item per line: each item's line. */
  itemLines?: number[];
}

const typeOf = (schema: Schema): string | undefined =>
  Array.isArray(schema.type)
    ? (schema.type as string[]).find((t) => t !== 'null')
    : (schema.type as string | undefined);

const words = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();

const YEAR = /\b(19\d{2}|20\d{2})\b/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const PHONE = /\+?\d[\d ().-]{6,}\d/;
const NAME = /\b(?:my name is|this is|i am|i'm)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)/;

/** One job from a sentence like "I worked as a welder at Acme Steel from 1970 to 1977" or "Since 2015 I have been a foreman at Northgate". */
function jobIn(text: string): { employer: string; title?: string; start: string; end: string | null } | null {
  const employer = /\bat ([A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)*)/.exec(text)?.[1];
  const years = [...text.matchAll(YEAR)].map((m) => m[1]!);
  if (!employer || !years.length) return null;
  const title = /\b(?:as an?|been an?|was an?|am an?)\s+([a-z][a-z -]*?)\s+at\b/i.exec(text)?.[1];
  const ongoing = /\b(since|until now|to this day|still|currently|now)\b/i.test(text) && years.length === 1;
  return { employer, ...(title && { title }), start: years[0]!, end: ongoing ? null : (years[1] ?? years[0]!) };
}

/** The value a property takes from the caller's lines, if they said it. */
function findValue(name: string, schema: Schema, lines: Line[]): Found | undefined {
  const type = typeOf(schema);
  const key = words(name);
  const caller = lines.filter((l) => l.speaker === 'customer');
  const first = <T>(pick: (line: Line) => T | undefined): Found | undefined => {
    for (const line of caller) {
      const value = pick(line);
      if (value !== undefined) return { value, lines: [line.number] };
    }
    return undefined;
  };
  if (type === 'array') {
    const items = (schema.items ?? {}) as Schema;
    if (typeOf(items) === 'object') {
      const jobs = caller.map((line) => ({ line, job: jobIn(line.text) })).filter((j) => j.job);
      if (!jobs.length) return undefined;
      const props = Object.keys((items.properties ?? {}) as Json);
      const pick = (...names: string[]) => props.find((p) => names.includes(p.toLowerCase()));
      const value = jobs.map(({ job }) =>
        Object.fromEntries(
          [
            [pick('employer', 'company', 'organization', 'organisation'), job!.employer],
            [pick('title', 'role', 'position', 'job'), job!.title],
            [pick('start', 'from', 'startdate', 'startyear'), job!.start],
            [pick('end', 'to', 'until', 'enddate', 'endyear'), job!.end],
          ].filter(([prop, v]) => prop && v !== undefined),
        ),
      );
      return { value, lines: jobs.map((j) => j.line.number), itemLines: jobs.map((j) => j.line.number) };
    }
    return first((line) => {
      const list = new RegExp(`\\b(?:my )?${key}(?: are| is|:)\\s+(.+?)[.!]?$`, 'i').exec(line.text)?.[1];
      return list
        ? list
            .split(/,\s*|\s+and\s+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    });
  }
  if (type === 'string') {
    if (Array.isArray(schema.enum)) {
      return first((line) => (schema.enum as string[]).find((v) => line.text.toLowerCase().includes(words(v))));
    }
    if (schema.format === 'email' || /e-?mail/.test(key)) return first((line) => EMAIL.exec(line.text)?.[0]);
    if (/phone|mobile/.test(key)) return first((line) => PHONE.exec(line.text)?.[0]);
    if (/\bname\b/.test(key)) return first((line) => NAME.exec(line.text)?.[1]);
    return first((line) => new RegExp(`\\b${key}(?: is|:)?\\s+(.+?)[.!?]?$`, 'i').exec(line.text)?.[1]);
  }
  if (type === 'integer' || type === 'number') {
    return first((line) => {
      const match = new RegExp(`\\b${key}\\D{0,20}?(\\d+(?:\\.\\d+)?)|(\\d+(?:\\.\\d+)?)\\s+${key}`, 'i').exec(
        line.text,
      );
      const digits = match?.[1] ?? match?.[2];
      return digits === undefined ? undefined : Number(digits);
    });
  }
  if (type === 'boolean') {
    return first((line) => {
      if (!line.text.toLowerCase().includes(key)) return undefined;
      if (/\b(no|not|don'?t|do not)\b/i.test(line.text)) return false;
      return /\b(yes|i agree|i do|sure|okay)\b/i.test(line.text) ? true : undefined;
    });
  }
  if (type === 'object') {
    const filled = fillObject(schema, lines, '');
    return Object.keys(filled.value).length
      ? { value: filled.value, lines: filled.evidence.flatMap((e) => e.lines) }
      : undefined;
  }
  return undefined;
}

/** An object for `schema` with every property the caller's lines give, and where each came from. */
function fillObject(
  schema: Schema,
  lines: Line[],
  path: string,
): { value: Json; evidence: { path: string; lines: number[] }[] } {
  const value: Json = {};
  const evidence: { path: string; lines: number[] }[] = [];
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    const found = findValue(name, property, lines);
    if (found === undefined) continue;
    value[name] = found.value;
    if (found.itemLines)
      for (const [i, line] of found.itemLines.entries()) evidence.push({ path: `${path}/${name}/${i}`, lines: [line] });
    else evidence.push({ path: `${path}/${name}`, lines: [...new Set(found.lines)] });
  }
  return { value, evidence };
}

/** An extraction request (`{ data, evidence }`) is answered with the data and its evidence; any other schema with its fields filled. */
export function answerAgainstSchema(schema: Schema, transcript: string): Json {
  const lines = parseNumberedTranscript(transcript);
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  if (properties.data && properties.evidence) {
    const { value, evidence } = fillObject(properties.data, lines, '');
    return { data: value, evidence };
  }
  return fillObject(schema, lines, '').value;
}
