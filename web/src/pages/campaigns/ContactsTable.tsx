import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, createSignal, For, on } from 'solid-js';
import { CONTACT_STATUSES } from '../../campaigns.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime, statusLabel } from '../../format.ts';
import { graphql } from '../../gql/gql.ts';
import type { CampaignContactStatus } from '../../gql/graphql.ts';
import { describeError } from '../../graphql.ts';

const ContactsQuery = graphql(`
  query ConsoleCampaignContacts($id: ID!, $first: Int!, $filter: CampaignContactFilter) {
    campaign(id: $id) {
      id
      contacts(first: $first, filter: $filter) {
        totalCount
        nodes { id phoneNumber name status lastOutcome attempts nextAttemptAt calls { id } }
      }
    }
  }
`);

const PAGE = 50;

/** The campaign's contacts in dialling order, filtered by status, each call linking to its page; `version` refetches. */
export function ContactsTable(props: { campaignId: string; version: string }) {
  const [status, setStatus] = createSignal<CampaignContactStatus | ''>('');
  const [shown, setShown] = createSignal(PAGE);
  const [contacts, refetch] = createQuery({
    query: ContactsQuery,
    variables: () => ({
      id: props.campaignId,
      first: shown(),
      filter: status() ? { status: [status() as CampaignContactStatus] } : null,
    }),
    requestPolicy: 'cache-and-network',
  });
  createEffect(
    on(
      () => props.version,
      () => refetch({ requestPolicy: 'network-only' }),
      { defer: true },
    ),
  );
  const connection = () => contacts.data?.campaign?.contacts;

  return (
    <section class="stack" aria-label="Contacts">
      <h2>Contacts</h2>
      <div class="inline-form">
        <SelectField
          label="Status"
          name="status"
          value={status()}
          onChange={(value) => {
            setStatus(value as CampaignContactStatus | '');
            setShown(PAGE);
          }}
        >
          <option value="">all</option>
          <For each={CONTACT_STATUSES}>{(s) => <option value={s}>{statusLabel(s)}</option>}</For>
        </SelectField>
        <span class="muted" data-testid="contacts-total">
          {connection()?.totalCount ?? 0} contacts
        </span>
      </div>
      <ErrorAlert message={contacts.error && describeError(contacts.error)} />
      <DataTable
        label="Campaign contacts"
        columns={['Number', 'Name', 'Status', 'Outcome', 'Attempts', 'Next attempt', 'Calls']}
        rows={connection()?.nodes ?? []}
        empty={contacts.fetching ? 'Loading…' : 'No contacts match.'}
      >
        {(contact) => (
          <tr data-phone={contact.phoneNumber}>
            <td>{contact.phoneNumber}</td>
            <td>{contact.name ?? '–'}</td>
            <td>
              <StatusBadge status={contact.status} testId="contact-status" />
            </td>
            <td data-testid="contact-outcome">{contact.lastOutcome ? statusLabel(contact.lastOutcome) : '–'}</td>
            <td>{contact.attempts}</td>
            <td>{formatDateTime(contact.nextAttemptAt)}</td>
            <td>
              <For each={contact.calls}>
                {(call, i) => (
                  <A href={`/calls/${call.id}`} class="chip" data-testid="contact-call">
                    #{i() + 1}
                  </A>
                )}
              </For>
            </td>
          </tr>
        )}
      </DataTable>
      <button
        type="button"
        class="secondary"
        hidden={(connection()?.nodes.length ?? 0) >= (connection()?.totalCount ?? 0)}
        onClick={() => setShown((n) => n + PAGE)}
      >
        Show more
      </button>
    </section>
  );
}
