import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For } from 'solid-js';
import { createOutcome, OutcomeMessage } from '../../components/Outcome.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { graphql } from '../../gql/gql.ts';
import { dataOf, mutationProblem } from '../../graphql.ts';
import type { DocSource } from './doc-sources.ts';

const PresetsQuery = graphql(`
  query ConsoleDocSyncPresets {
    docSyncPresets { key name vendor startUrl allowedPrefixes sitemapUrl docTypeRules { pattern docType } }
  }
`);
const CreateDocSource = graphql(`
  mutation ConsoleCreateDocSource($input: CreateDocSourceInput!) {
    createDocSource(input: $input) {
      __typename
      ... on MutationCreateDocSourceSuccess { data { ...DocSourceFields } }
      ... on Error { message }
    }
  }
`);

/** How often a source syncs again by itself; '' is manual only. */
const RESYNC_CHOICES = [
  { value: '', label: 'Manual only' },
  { value: '1h', label: 'Every hour' },
  { value: '6h', label: 'Every 6 hours' },
  { value: '24h', label: 'Every day' },
  { value: '7d', label: 'Every week' },
];

/** `pattern = docType` per line; answers the rules, or null when a line is not of that form. */
function parseRules(text: string): { pattern: string; docType: string }[] | null {
  const rules = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const at = line.lastIndexOf('=');
    const pattern = line.slice(0, at).trim();
    const docType = line.slice(at + 1).trim();
    if (at < 0 || !pattern || !docType) return null;
    rules.push({ pattern, docType });
  }
  return rules;
}

/** A new source: a preset fills in the site (each field left blank keeps the preset's), or every field by hand. */
export function AddSourceForm(props: { businessId: string; onAdded: (source: DocSource) => void }) {
  const [presets] = createQuery({ query: PresetsQuery });
  const [, createSource] = createMutation(CreateDocSource);
  const [presetKey, setPresetKey] = createSignal('');
  const [resyncEvery, setResyncEvery] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const outcome = createOutcome();
  const preset = () => presets.data?.docSyncPresets.find((p) => p.key === presetKey());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const number = (name: string) => (field(name) ? Number(field(name)) : undefined);
    const docTypeRules = parseRules(field('docTypeRules'));
    if (!docTypeRules) return outcome.report('Write each doc type rule on its own line as: pattern = docType');
    const prefixes = field('allowedPrefixes').split(/\s+/).filter(Boolean);
    const input = {
      businessId: props.businessId,
      preset: presetKey() || undefined,
      name: field('name') || undefined,
      startUrl: field('startUrl') || undefined,
      allowedPrefixes: prefixes.length ? prefixes : undefined,
      sitemapUrl: field('sitemapUrl') || undefined,
      vendor: field('vendor') || undefined,
      docTypeRules: docTypeRules.length ? docTypeRules : undefined,
      requestsPerSecond: number('requestsPerSecond'),
      concurrency: number('concurrency'),
      maxPages: number('maxPages'),
      resyncEvery: resyncEvery() || undefined,
    };
    setSaving(true);
    const result = await createSource({ input });
    setSaving(false);
    const source = dataOf(result.data?.createDocSource);
    if (source) {
      props.onAdded(source);
      form.reset();
      setPresetKey('');
      setResyncEvery('');
    }
    outcome.report(mutationProblem(result), source && `Added ${source.name}: start a sync to index it.`);
  };

  return (
    <form class="card stack" aria-label="Add a documentation source" onSubmit={submit}>
      <h2>Add a documentation source</h2>
      <div class="inline-form">
        <SelectField label="Preset" name="preset" value={presetKey()} onChange={setPresetKey}>
          <option value="">Custom site</option>
          <For each={presets.data?.docSyncPresets ?? []}>{(p) => <option value={p.key}>{p.name}</option>}</For>
        </SelectField>
        <label>
          Name
          <input name="name" placeholder={preset()?.name ?? 'Blank: the site’s host name'} />
        </label>
        <label>
          Start URL
          <input
            type="url"
            name="startUrl"
            placeholder={preset()?.startUrl ?? 'https://docs.example.com/'}
            required={!preset()}
          />
        </label>
        <label>
          Vendor
          <input name="vendor" placeholder={preset()?.vendor ?? 'Optional'} />
        </label>
      </div>
      <div class="inline-form">
        <label>
          Allowed prefixes (one per line)
          <textarea
            name="allowedPrefixes"
            rows={2}
            placeholder={preset()?.allowedPrefixes.join('\n') || 'Blank: everything under the start URL'}
          />
        </label>
        <label>
          Doc type rules (URL pattern = docType)
          <textarea
            name="docTypeRules"
            rows={2}
            placeholder={
              preset()
                ?.docTypeRules.map((r) => `${r.pattern} = ${r.docType}`)
                .join('\n') || '/api/ = api_reference\n/guides/ = guide'
            }
          />
        </label>
      </div>
      <details>
        <summary>Crawl settings</summary>
        <div class="inline-form">
          <label>
            Sitemap URL
            <input type="url" name="sitemapUrl" placeholder={preset()?.sitemapUrl ?? 'Optional'} />
          </label>
          <label>
            Requests per second
            <input type="number" name="requestsPerSecond" min="0.1" step="any" placeholder="Default" class="narrow" />
          </label>
          <label>
            Concurrency
            <input type="number" name="concurrency" min="1" placeholder="Default" class="narrow" />
          </label>
          <label>
            Max pages
            <input type="number" name="maxPages" min="1" placeholder="Default" class="narrow" />
          </label>
          <SelectField label="Sync again" name="resyncEvery" value={resyncEvery()} onChange={setResyncEvery}>
            <For each={RESYNC_CHOICES}>{(c) => <option value={c.value}>{c.label}</option>}</For>
          </SelectField>
        </div>
      </details>
      <div class="button-row">
        <button type="submit" disabled={saving()}>
          {saving() ? 'Adding…' : 'Add source'}
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
