import { useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createMemo, For, Show } from 'solid-js';
import { type AnalyticsParams, analyticsViewOf, PRESETS } from '../analytics.ts';
import { graphql } from '../gql/gql.ts';
import { can, useViewer } from '../viewer.tsx';
import { CallStatusFilter } from './CallStatusFilter.tsx';
import { SelectField } from './SelectField.tsx';

const AnalyticsBusinessesQuery = graphql(`
  query ConsoleAnalyticsBusinesses { businessConfigs(includeInactive: true) { id name active } }
`);

const AnalyticsCampaignsQuery = graphql(`
  query ConsoleAnalyticsCampaigns { campaigns { id name } }
`);

/** The range and filters of an analytics view, read from the address (so they survive a reload and can be shared). */
export function createAnalyticsView() {
  const [params, setParams] = useSearchParams<Record<keyof AnalyticsParams, string>>();
  const view = createMemo(() => analyticsViewOf(params), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  return { params, setParams, view };
}

export type AnalyticsViewState = ReturnType<typeof createAnalyticsView>;

/** Date-range presets, a custom range, and the business, direction and status filters; every choice goes into the address. */
export function AnalyticsFilters(props: { state: AnalyticsViewState }) {
  const [businesses] = createQuery({ query: AnalyticsBusinessesQuery });
  const viewer = useViewer();
  const [campaigns] = createQuery({ query: AnalyticsCampaignsQuery, pause: () => !can(viewer, 'CAMPAIGNS_READ') });
  const view = () => props.state.view();
  const set = props.state.setParams;
  const choosePreset = (value: string) =>
    value === 'custom'
      ? set({ range: 'custom', from: view().range.from, to: view().range.to })
      : set({ range: value, from: null, to: null });
  const setDay = (edge: 'from' | 'to', value: string) => {
    if (!value) return;
    const { from, to } = view().range;
    set({ range: 'custom', from, to, [edge]: value });
  };

  return (
    <form class="card filters analytics-filters" aria-label="Range and filters" onSubmit={(e) => e.preventDefault()}>
      <SelectField label="Range" name="range" value={view().preset} onChange={choosePreset}>
        <For each={PRESETS}>{(p) => <option value={p.value}>{p.label}</option>}</For>
        <option value="custom">Custom</option>
      </SelectField>
      <Show when={view().preset === 'custom'}>
        <label>
          From
          <input
            type="date"
            name="from"
            value={view().range.from}
            onChange={(e) => setDay('from', e.currentTarget.value)}
          />
        </label>
        <label>
          To
          <input type="date" name="to" value={view().range.to} onChange={(e) => setDay('to', e.currentTarget.value)} />
        </label>
      </Show>
      <SelectField
        label="Business"
        name="business"
        value={view().filter.businessId ?? ''}
        onChange={(value) => set({ business: value || null })}
      >
        <option value="">All businesses</option>
        {/* Businesses arrive after the address is read: each option knows whether it is the one chosen. */}
        <For each={businesses.data?.businessConfigs ?? []}>
          {(b) => (
            <option value={b.id} selected={b.id === view().filter.businessId}>
              {b.active ? b.name : `${b.name} (inactive)`}
            </option>
          )}
        </For>
      </SelectField>
      <Show when={can(viewer, 'CAMPAIGNS_READ')}>
        <SelectField
          label="Campaign"
          name="campaign"
          value={view().filter.campaignId ?? ''}
          onChange={(value) => set({ campaign: value || null })}
        >
          <option value="">All calls</option>
          <For each={campaigns.data?.campaigns ?? []}>
            {(c) => (
              <option value={c.id} selected={c.id === view().filter.campaignId}>
                {c.name}
              </option>
            )}
          </For>
        </SelectField>
      </Show>
      <SelectField
        label="Direction"
        name="direction"
        value={view().filter.direction ?? ''}
        onChange={(value) => set({ direction: value || null })}
      >
        <option value="">Both directions</option>
        <option value="INBOUND">Inbound</option>
        <option value="OUTBOUND">Outbound</option>
      </SelectField>
      <CallStatusFilter selected={view().filter.status ?? []} onChange={(status) => set({ status })} />
      <p class="muted range-summary" data-testid="analytics-range">
        {view().range.from} – {view().range.to} ({view().range.timeZone})
      </p>
    </form>
  );
}
