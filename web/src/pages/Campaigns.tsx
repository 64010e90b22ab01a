import { A } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { createLiveCampaigns } from '../campaigns.ts';
import { CampaignProgress } from '../components/CampaignProgress.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { graphql } from '../gql/gql.ts';
import { describeError } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const CampaignsQuery = graphql(`
  query ConsoleCampaigns { campaigns { ...CampaignSummaryFields } }
`);

/** Every campaign of the organisation, newest first, each with its progress as it dials. */
export function Campaigns() {
  const viewer = useViewer();
  const client = useClient();
  const [problem, setProblem] = createSignal('');
  const [list, refetch] = createQuery({ query: CampaignsQuery, context: { additionalTypenames: ['Campaign'] } });
  const fetched = () => list.data?.campaigns ?? [];
  const known = (id: string) => fetched().some((c) => c.id === id);
  const campaigns = createLiveCampaigns(client, {
    fetched,
    // A campaign created elsewhere, or news missed while the connection was down: fetch the list.
    onChange: (campaign) => (!campaign || !known(campaign.id)) && refetch({ requestPolicy: 'network-only' }),
    onProblem: setProblem,
  });

  return (
    <section>
      <h1>Campaigns</h1>
      <p class="hint">
        Outbound campaigns dial their contacts at the pace set, only inside the calling window in each contact's local
        time, never a number on the do-not-call list.
      </p>
      <Show when={can(viewer, 'CAMPAIGNS_MANAGE')}>
        <p>
          <A class="button" href="/campaigns/new">
            New campaign
          </A>
        </p>
      </Show>
      <ErrorAlert message={list.error ? describeError(list.error) : problem()} />
      <DataTable
        label="Campaigns"
        columns={['Name', 'Business', 'Status', 'Contacts', 'Progress']}
        rows={campaigns()}
        empty={list.fetching ? 'Loading…' : 'No campaigns yet.'}
      >
        {(campaign) => (
          <tr data-campaign-id={campaign.id}>
            <td>
              <A href={`/campaigns/${campaign.id}`}>{campaign.name}</A>
            </td>
            <td>{campaign.business.name}</td>
            <td>
              <StatusBadge status={campaign.status} testId="campaign-status" />
            </td>
            <td>{campaign.contactCount}</td>
            <td>
              <CampaignProgress name={campaign.name} status={campaign.status} progress={campaign.progress} />
            </td>
          </tr>
        )}
      </DataTable>
    </section>
  );
}
