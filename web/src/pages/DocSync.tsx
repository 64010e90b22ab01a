import type { ResultOf } from '@graphql-typed-document-node/core';
import { createMutation, createQuery, useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { liveReconnects } from '../client.ts';
import { BusinessPicker, createBusinessChoice } from '../components/BusinessPicker.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { createOutcome, OutcomeMessage } from '../components/Outcome.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, messageOf, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const DocSyncRunFields = graphql(`
  fragment DocSyncRunFields on DocSyncRun {
    id status trigger found fetched indexed unchanged failed removed skipped errors { url message } startedAt finishedAt
  }
`);
type DocSyncRun = ResultOf<typeof DocSyncRunFields>;

const DocSourceFields = graphql(`
  fragment DocSourceFields on DocSource {
    id name preset startUrl allowedPrefixes sitemapUrl vendor docTypeRules { pattern docType }
    requestsPerSecond concurrency maxPages resyncEvery pageCount createdAt lastRun { ...DocSyncRunFields }
  }
`);
type DocSource = ResultOf<typeof DocSourceFields>;

const DocSyncsQuery = graphql(`
  query ConsoleDocSyncs($businessId: ID!) {
    docSyncs(businessId: $businessId) {
      __typename
      ... on QueryDocSyncsSuccess { data { ...DocSourceFields } }
      ... on Error { message }
    }
  }
`);
const DocSyncQuery = graphql(`
  query ConsoleDocSync($source: ID!) { docSync(source: $source) { ...DocSourceFields } }
`);
const PresetsQuery = graphql(`
  query ConsoleDocSyncPresets {
    docSyncPresets { key name vendor startUrl allowedPrefixes sitemapUrl docTypeRules { pattern docType } }
  }
`);
const DocSyncProgress = graphql(`
  subscription ConsoleDocSyncProgress($source: ID!) { docSyncProgress(source: $source) { ...DocSyncRunFields } }
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
const DeleteDocSource = graphql(`
  mutation ConsoleDeleteDocSource($id: ID!) { deleteDocSource(id: $id) { __typename ... on Error { message } } }
`);
const StartDocSync = graphql(`
  mutation ConsoleStartDocSync($source: ID!) {
    startDocSync(source: $source) {
      __typename
      ... on MutationStartDocSyncSuccess { data { ...DocSyncRunFields } }
      ... on Error { message }
    }
  }
`);
const CancelDocSync = graphql(`
  mutation ConsoleCancelDocSync($source: ID!) {
    cancelDocSync(source: $source) {
      __typename
      ... on MutationCancelDocSyncSuccess { data { ...DocSyncRunFields } }
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

/** Pages of those found that a run has dealt with: fetched (indexed, unchanged, failed or removed) or skipped. */
const handled = (run: DocSyncRun) => run.fetched + run.skipped;

/**
 * Whether `next` is a later state than `current`: events and mutation answers arrive in any order,
 * a run's counts only grow, and a finished run stays finished.
 */
function supersedes(next: DocSyncRun, current: DocSyncRun | null): boolean {
  if (!current) return true;
  if (next.id !== current.id) return next.startedAt >= current.startedAt;
  if (current.status !== 'RUNNING') return false;
  return next.status !== 'RUNNING' || handled(next) >= handled(current);
}

/** Documentation sites kept in a business's knowledge: each source's crawl, live, and its settings. */
export function DocSync() {
  const client = useClient();
  const viewer = useViewer();
  const choice = createBusinessChoice();
  const [sources, setSources] = createStore<DocSource[]>([]);
  const [loading, setLoading] = createSignal(false);
  const [problem, setProblem] = createSignal('');

  const load = async (businessId: string) => {
    setLoading(true);
    const result = await client.query(DocSyncsQuery, { businessId }, { requestPolicy: 'network-only' }).toPromise();
    if (businessId !== choice.businessId()) return; // another business was chosen meanwhile
    setLoading(false);
    const list = dataOf(result.data?.docSyncs);
    if (!list) {
      setProblem(
        result.error
          ? describeError(result.error)
          : (messageOf(result.data?.docSyncs) ?? 'Could not load the documentation sources.'),
      );
      return;
    }
    setProblem('');
    setSources(list);
  };
  /** Adds a source, or updates one shown in place (its card, with its live run, stays). */
  const replace = (source: DocSource) => {
    const index = sources.findIndex((s) => s.id === source.id);
    if (index >= 0) setSources(index, reconcile(source));
    else setSources(sources.length, source);
  };

  createEffect(
    on(choice.businessId, (businessId) => {
      setSources([]);
      if (businessId) load(businessId);
    }),
  );
  createEffect(on(liveReconnects, () => choice.businessId() && load(choice.businessId()), { defer: true }));

  return (
    <section>
      <h1>Doc sync</h1>
      <p class="hint">
        Keeps documentation sites in a business's knowledge: a sync crawls the site within its allowed prefixes, indexes
        new and changed pages and removes pages that are gone.
      </p>
      <div class="inline-form picker">
        <BusinessPicker choice={choice} />
      </div>
      <Show
        when={choice.businessId()}
        fallback={<p class="muted">{choice.loaded() ? 'Create a business first.' : 'Loading…'}</p>}
      >
        {(businessId) => (
          <>
            <Show when={can(viewer, 'KNOWLEDGE_WRITE')}>
              <AddSourceForm businessId={businessId()} onAdded={replace} />
            </Show>
            <h2 class="section-title">Sources</h2>
            <ErrorAlert message={problem()} />
            <For
              each={sources}
              fallback={<p class="muted">{loading() ? 'Loading…' : 'No documentation sources yet.'}</p>}
            >
              {(source) => (
                <SourceCard
                  source={source}
                  onChange={replace}
                  onDelete={() => setSources((list) => list.filter((s) => s.id !== source.id))}
                />
              )}
            </For>
          </>
        )}
      </Show>
    </section>
  );
}

function SourceCard(props: { source: DocSource; onChange: (source: DocSource) => void; onDelete: () => void }) {
  const client = useClient();
  const viewer = useViewer();
  const [, startSync] = createMutation(StartDocSync);
  const [, cancelSync] = createMutation(CancelDocSync);
  const [, deleteSource] = createMutation(DeleteDocSource);
  const [run, setRun] = createSignal<DocSyncRun | null>(props.source.lastRun);
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const outcome = createOutcome();
  const running = () => run()?.status === 'RUNNING';

  /** The source as it stands now (its page count changes with every run). */
  const refresh = async () => {
    const result = await client
      .query(DocSyncQuery, { source: props.source.id }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data?.docSync) props.onChange(result.data.docSync);
  };
  const apply = (next: DocSyncRun) => {
    if (!supersedes(next, run())) return;
    const finished = next.status !== 'RUNNING' && run()?.status === 'RUNNING';
    setRun(next);
    if (finished) refresh();
  };
  createEffect(
    on(
      () => props.source.lastRun,
      (lastRun) => lastRun && apply(lastRun),
    ),
  );

  const subscription = client.subscription(DocSyncProgress, { source: props.source.id }).subscribe((result) => {
    if (result.error) outcome.report(describeError(result.error));
    if (result.data) apply(result.data.docSyncProgress);
  });
  onCleanup(() => subscription.unsubscribe());

  const act = async (work: () => Promise<{ data?: DocSyncRun; problem: string }>) => {
    setBusy(true);
    const { data, problem } = await work();
    setBusy(false);
    if (data) apply(data);
    outcome.report(problem);
  };
  const start = () =>
    act(async () => {
      const result = await startSync({ source: props.source.id });
      return { data: dataOf(result.data?.startDocSync), problem: mutationProblem(result) };
    });
  const cancel = () =>
    act(async () => {
      const result = await cancelSync({ source: props.source.id });
      return { data: dataOf(result.data?.cancelDocSync), problem: mutationProblem(result) };
    });
  const remove = async () => {
    setConfirming(false);
    setBusy(true);
    const problem = mutationProblem(await deleteSource({ id: props.source.id }));
    setBusy(false);
    if (!outcome.report(problem)) return;
    props.onDelete();
  };

  return (
    <section
      class="card doc-source"
      aria-label={props.source.name}
      data-testid="doc-source"
      data-source-id={props.source.id}
    >
      <header class="title-row">
        <h2>{props.source.name}</h2>
        <Show when={run()}>{(r) => <StatusBadge status={r().status} testId="sync-status" />}</Show>
        <span class="muted" data-testid="page-count">
          {props.source.pageCount === 1 ? '1 page' : `${props.source.pageCount} pages`} indexed
        </span>
      </header>
      <SourceSettings source={props.source} />
      <Show when={run()} fallback={<p class="muted">Never synced.</p>}>
        {(r) => <RunProgress run={r()} />}
      </Show>
      <Show when={can(viewer, 'KNOWLEDGE_WRITE')}>
        <div class="button-row">
          <Show
            when={running()}
            fallback={
              <button type="button" disabled={busy()} onClick={start}>
                Start sync
              </button>
            }
          >
            <button type="button" class="secondary" disabled={busy()} onClick={cancel}>
              Cancel sync
            </button>
          </Show>
          <Show
            when={confirming()}
            fallback={
              <button type="button" class="secondary" disabled={busy()} onClick={() => setConfirming(true)}>
                Delete
              </button>
            }
          >
            <span class="confirm">Delete this source and the pages it indexed?</span>
            <button type="button" class="danger" onClick={remove}>
              Delete source
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </Show>
        </div>
      </Show>
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}

function SourceSettings(props: { source: DocSource }) {
  const s = () => props.source;
  return (
    <dl class="facts">
      <div>
        <dt>Start page</dt>
        <dd>
          <a href={s().startUrl} target="_blank" rel="noreferrer">
            {s().startUrl}
          </a>
        </dd>
      </div>
      <div>
        <dt>Allowed prefixes</dt>
        <dd>{s().allowedPrefixes.join(', ') || '–'}</dd>
      </div>
      <div>
        <dt>Sitemap</dt>
        <dd>{s().sitemapUrl ?? '–'}</dd>
      </div>
      <div>
        <dt>Vendor</dt>
        <dd>{s().vendor ?? '–'}</dd>
      </div>
      <div>
        <dt>Doc types</dt>
        <dd>
          {s()
            .docTypeRules.map((r) => `${r.pattern} → ${r.docType}`)
            .join(', ') || '–'}
        </dd>
      </div>
      <div>
        <dt>Pace</dt>
        <dd>
          {s().requestsPerSecond} requests/s, {s().concurrency} at a time, at most {s().maxPages} pages
        </dd>
      </div>
      <div>
        <dt>Syncs</dt>
        <dd>{s().resyncEvery ? `every ${s().resyncEvery}` : 'manually'}</dd>
      </div>
    </dl>
  );
}

/** A run's progress bar, counts and the pages that failed. */
function RunProgress(props: { run: DocSyncRun }) {
  const count = (label: string, testId: string, value: () => number) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value()}</dd>
    </div>
  );
  return (
    <div class="sync-run">
      <ProgressBar
        done={handled(props.run)}
        total={props.run.found}
        label={`Sync progress of ${props.run.id}`}
        testId="sync-progress"
      />
      <p class="muted">
        <span data-testid="sync-handled">{handled(props.run)}</span> of{' '}
        <span data-testid="sync-found">{props.run.found}</span> pages found ·{' '}
        {props.run.trigger === 'SCHEDULE' ? 'scheduled' : 'started by hand'} {formatDateTime(props.run.startedAt)}
        <Show when={props.run.finishedAt}> · ended {formatDateTime(props.run.finishedAt)}</Show>
      </p>
      <dl class="facts counts">
        {count('Indexed', 'sync-indexed', () => props.run.indexed)}
        {count('Unchanged', 'sync-unchanged', () => props.run.unchanged)}
        {count('Failed', 'sync-failed', () => props.run.failed)}
        {count('Removed', 'sync-removed', () => props.run.removed)}
        {count('Skipped', 'sync-skipped', () => props.run.skipped)}
      </dl>
      <Show when={props.run.errors.length}>
        <details class="sync-errors" data-testid="sync-errors">
          <summary>
            {props.run.errors.length === 1 ? '1 page failed' : `${props.run.errors.length} pages failed`}
          </summary>
          <ul>
            <For each={props.run.errors}>
              {(error) => (
                <li>
                  <a href={error.url} target="_blank" rel="noreferrer">
                    {error.url}
                  </a>
                  : {error.message}
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
    </div>
  );
}

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
function AddSourceForm(props: { businessId: string; onAdded: (source: DocSource) => void }) {
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
