import { createEffect, createSignal, For } from 'solid-js';
import { CallStatusFilter } from '../../components/CallStatusFilter.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { DEFAULT_SORT, first, type HistoryParams, type HistoryView, SORTS } from './history-view.ts';

/** The call history's filters and sort; every choice goes into the address, which the inputs follow. */
export function HistoryFilters(props: {
  params: Partial<HistoryParams>;
  setParams: (params: Partial<Record<keyof HistoryParams, string | null>>) => void;
  businesses: { id: string; name: string }[];
  view: HistoryView;
}) {
  const [phone, setPhone] = createSignal('');
  const [text, setText] = createSignal('');
  const [outcome, setOutcome] = createSignal('');
  const [minScore, setMinScore] = createSignal('');
  const [minQa, setMinQa] = createSignal('');
  // The address is the truth (back button, shared links): the inputs follow it.
  createEffect(() => setPhone(first(props.params.phone)));
  createEffect(() => setText(first(props.params.q)));
  createEffect(() => setOutcome(first(props.params.outcome)));
  createEffect(() => setMinScore(first(props.params.minScore)));
  createEffect(() => setMinQa(first(props.params.minQa)));
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    props.setParams({
      phone: phone().trim() || null,
      q: text().trim() || null,
      outcome: outcome().trim() || null,
      minScore: minScore().trim() || null,
      minQa: minQa().trim() || null,
    });
  };
  const sortValue = () => `${props.view.orderBy.field} ${props.view.orderBy.direction}`;
  const clear = () =>
    props.setParams({
      status: null,
      direction: null,
      business: null,
      from: null,
      to: null,
      phone: null,
      q: null,
      outcome: null,
      minScore: null,
      minQa: null,
      sort: null,
      order: null,
    });

  return (
    <form class="card filters" aria-label="Filter calls" onSubmit={search}>
      <CallStatusFilter selected={props.view.filter.status ?? []} onChange={(status) => props.setParams({ status })} />
      <div class="inline-form">
        <SelectField
          label="Direction"
          name="direction"
          value={props.view.filter.direction ?? ''}
          onChange={(direction) => props.setParams({ direction: direction || null })}
        >
          <option value="">Both directions</option>
          <option value="INBOUND">inbound</option>
          <option value="OUTBOUND">outbound</option>
        </SelectField>
        {/* Not "Business": that label names the start form's choice. */}
        <SelectField
          label="Company"
          name="business"
          value={props.view.filter.businessId ?? ''}
          onChange={(business) => props.setParams({ business: business || null })}
        >
          <option value="">All</option>
          {/* Businesses arrive after the address is read: each option knows whether it is the one chosen. */}
          <For each={props.businesses}>
            {(b) => (
              <option value={b.id} selected={b.id === props.view.filter.businessId}>
                {b.name}
              </option>
            )}
          </For>
        </SelectField>
        <label>
          Created from
          <input
            type="date"
            name="from"
            value={first(props.params.from)}
            onChange={(e) => props.setParams({ from: e.currentTarget.value || null })}
          />
        </label>
        <label>
          Created to
          <input
            type="date"
            name="to"
            value={first(props.params.to)}
            onChange={(e) => props.setParams({ to: e.currentTarget.value || null })}
          />
        </label>
        <SelectField
          label="Sort"
          name="sort"
          value={sortValue()}
          onChange={(value) => {
            const [sort, order] = value.split(' ');
            const isDefault = sort === DEFAULT_SORT.field && order === DEFAULT_SORT.direction;
            props.setParams({ sort: isDefault ? null : sort, order: isDefault ? null : order });
          }}
        >
          <For each={SORTS}>{(s) => <option value={`${s.field} ${s.direction}`}>{s.label}</option>}</For>
        </SelectField>
      </div>
      <div class="inline-form">
        <label>
          Phone number
          <input
            name="phone"
            placeholder="+14155550100"
            value={phone()}
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
        </label>
        <label>
          Said in the call
          <input
            type="search"
            name="q"
            placeholder='refund "order number" -cancel'
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <label>
          Outcome
          <input
            name="outcome"
            placeholder="callback, sale"
            value={outcome()}
            onInput={(e) => setOutcome(e.currentTarget.value)}
          />
        </label>
        <label>
          Adversarial score at least
          <input
            type="number"
            name="minScore"
            min="0"
            max="10"
            step="0.5"
            value={minScore()}
            onInput={(e) => setMinScore(e.currentTarget.value)}
          />
        </label>
        <label>
          QA score at least
          <input
            type="number"
            name="minQa"
            min="0"
            max="1"
            step="0.05"
            value={minQa()}
            onInput={(e) => setMinQa(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Search</button>
        <button type="button" class="secondary" onClick={clear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
