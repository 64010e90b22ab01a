import { A, useParams } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { createLiveCampaigns } from '../campaigns.ts';
import { CampaignProgress } from '../components/CampaignProgress.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { describeError } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';
import { CampaignControls } from './campaigns/CampaignControls.tsx';
import { ContactsTable } from './campaigns/ContactsTable.tsx';
import { OutcomeFunnel } from './campaigns/OutcomeFunnel.tsx';

const CampaignQuery = graphql(`
  query ConsoleCampaign($id: ID!) { campaign(id: $id) { ...CampaignSummaryFields } }
`);

/** One campaign: its live outcome funnel, rate and ETA, the controls its status allows, and its contacts. */
export function CampaignDetail() {
  const params = useParams<{ id: string }>();
  const viewer = useViewer();
  const client = useClient();
  const [problem, setProblem] = createSignal('');
  const [fetched, refetch] = createQuery({
    query: CampaignQuery,
    variables: () => ({ id: params.id }),
    context: { additionalTypenames: ['Campaign'] },
  });
  const live = createLiveCampaigns(client, {
    fetched: () => (fetched.data?.campaign ? [fetched.data.campaign] : []),
    campaignId: params.id,
    onChange: (campaign) => !campaign && refetch({ requestPolicy: 'network-only' }),
    onProblem: setProblem,
  });
  const campaign = () => live()[0];

  return (
    <section>
      <p class="crumbs">
        <A href="/campaigns">← Campaigns</A>
      </p>
      <ErrorAlert message={fetched.error ? describeError(fetched.error) : problem()} />
      <Show when={campaign()} fallback={<p class="muted">{fetched.fetching ? 'Loading…' : 'No such campaign.'}</p>}>
        {(c) => (
          <>
            <h1>
              {c().name} <StatusBadge status={c().status} testId="campaign-status" />
            </h1>
            <p class="muted">
              {c().business.name} · {c().callsPerMinute} calls/min, {c().maxConcurrentCalls} at once · started{' '}
              {formatDateTime(c().startedAt)}
              <Show when={c().finishedAt}> · ended {formatDateTime(c().finishedAt)}</Show>
              <Show when={c().workflowUrl}>
                {(url) => (
                  <>
                    {' '}
                    ·{' '}
                    <a href={url()} target="_blank" rel="noreferrer">
                      workflow
                    </a>
                  </>
                )}
              </Show>
            </p>
            <Show when={can(viewer, 'CAMPAIGNS_RUN')}>
              <CampaignControls campaign={c()} />
            </Show>
            <div class="card stack">
              <CampaignProgress name={c().name} status={c().status} progress={c().progress} />
              <Show when={c().progress}>{(progress) => <OutcomeFunnel progress={progress()} />}</Show>
            </div>
            <ContactsTable campaignId={c().id} version={`${c().status} ${c().progress?.updatedAt ?? ''}`} />
          </>
        )}
      </Show>
    </section>
  );
}
