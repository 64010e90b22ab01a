import type { DocSource } from './doc-sources.ts';

/** How a source is crawled: where it starts and may go, how its pages are typed, its pace and schedule. */
export function SourceSettings(props: { source: DocSource }) {
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
