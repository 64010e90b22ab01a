import { useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { For } from 'solid-js';
import { graphql } from '../gql/gql.ts';
import { describeError } from '../graphql.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { SelectField } from './SelectField.tsx';

const BusinessChoiceQuery = graphql(`
  query ConsoleBusinessChoice { businessConfigs(includeInactive: true) { id name active } }
`);

/**
 * The business a page works on, kept in the address (`?business=`) so the view can be shared and
 * survives a reload; the first business until one is chosen.
 */
export function createBusinessChoice() {
  const [params, setParams] = useSearchParams<{ business?: string }>();
  const [result] = createQuery({ query: BusinessChoiceQuery });
  const businesses = () => result.data?.businessConfigs ?? [];
  return {
    businesses,
    businessId: () => params.business || businesses()[0]?.id || '',
    problem: () => (result.error ? describeError(result.error) : ''),
    loaded: () => !!result.data,
    choose: (id: string) => setParams({ business: id }),
  };
}

export type BusinessChoice = ReturnType<typeof createBusinessChoice>;

export function BusinessPicker(props: { choice: BusinessChoice }) {
  return (
    <>
      <SelectField label="Business" name="business" value={props.choice.businessId()} onChange={props.choice.choose}>
        {/* Businesses arrive after the address is read: each option knows whether it is the one chosen. */}
        <For each={props.choice.businesses()}>
          {(b) => (
            <option value={b.id} selected={b.id === props.choice.businessId()}>
              {b.active ? b.name : `${b.name} (inactive)`}
            </option>
          )}
        </For>
      </SelectField>
      <ErrorAlert message={props.choice.problem()} />
    </>
  );
}
