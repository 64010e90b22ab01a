import type { ResultOf } from '@graphql-typed-document-node/core';
import type { Client } from '@urql/core';
import { createEffect, on, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { liveReconnects } from './client.ts';
import { graphql } from './gql/gql.ts';
import type { CampaignContactStatus } from './gql/graphql.ts';
import { describeError } from './graphql.ts';

/** What the list and the campaign page show of a campaign, and what its live progress brings. */
export const CampaignSummaryFields = graphql(`
  fragment CampaignSummaryFields on Campaign {
    id name status contactCount callsPerMinute maxConcurrentCalls startedAt finishedAt workflowUrl
    business { id name }
    progress {
      total dialsPerMinute etaAt updatedAt
      counts {
        pending dialling connected waitingWindow retryScheduled completed voicemail busy noAnswer failed
        skippedDnc skippedNoConsent skippedNoWindow
      }
    }
  }
`);
export type CampaignSummary = ResultOf<typeof CampaignSummaryFields>;
export type CampaignProgressView = NonNullable<CampaignSummary['progress']>;

const CampaignProgressChanged = graphql(`
  subscription ConsoleCampaignProgress($campaignId: ID) { campaignProgress(campaignId: $campaignId) { ...CampaignSummaryFields } }
`);

type CountKey = keyof CampaignProgressView['counts'];

/** The outcome funnel, in the order a contact moves through it. */
export const OUTCOMES: readonly { key: CountKey; label: string }[] = [
  { key: 'pending', label: 'Pending' },
  { key: 'waitingWindow', label: 'Waiting for window' },
  { key: 'dialling', label: 'Dialling' },
  { key: 'connected', label: 'Connected' },
  { key: 'retryScheduled', label: 'Retry scheduled' },
  { key: 'completed', label: 'Completed' },
  { key: 'voicemail', label: 'Voicemail' },
  { key: 'busy', label: 'Busy' },
  { key: 'noAnswer', label: 'No answer' },
  { key: 'failed', label: 'Failed' },
  { key: 'skippedDnc', label: 'Skipped: do not call' },
  { key: 'skippedNoConsent', label: 'Skipped: no consent' },
  { key: 'skippedNoWindow', label: 'Skipped: no window' },
];

/** Contacts still to dial or on a call (`connected` is part of `dialling`). */
const OPEN: readonly CountKey[] = ['pending', 'waitingWindow', 'dialling', 'retryScheduled'];

/** Contacts in a final state: the progress bar's filled share. */
export const doneOf = (progress: CampaignProgressView) =>
  progress.total - OPEN.reduce((sum, key) => sum + progress.counts[key], 0);

export const CONTACT_STATUSES: readonly CampaignContactStatus[] = [
  'PENDING',
  'WAITING_WINDOW',
  'DIALLING',
  'RETRY_SCHEDULED',
  'COMPLETED',
  'VOICEMAIL',
  'BUSY',
  'NO_ANSWER',
  'FAILED',
  'SKIPPED_DNC',
  'SKIPPED_NO_CONSENT',
  'SKIPPED_NO_WINDOW',
];

/** The messages of the field errors on `field` and below it ("callingWindow" takes "callingWindow.days.0"). */
export const fieldError = (errors: readonly { field: string; message: string }[], field: string) =>
  errors
    .filter((e) => e.field === field || e.field.startsWith(`${field}.`))
    .map((e) => e.message)
    .join('; ');

/**
 * Campaigns as fetched, each replaced by what the `campaignProgress` subscription has sent since
 * (for one campaign, or every campaign of the organisation without `campaignId`). `onChange` hears
 * each update, and each reconnection of the live connection (to fetch what was missed meanwhile).
 */
export function createLiveCampaigns(
  client: Client,
  options: {
    fetched: () => readonly CampaignSummary[];
    campaignId?: string;
    onChange?: (campaign?: CampaignSummary) => void;
    onProblem?: (message: string) => void;
  },
) {
  const [live, setLive] = createStore<Record<string, CampaignSummary | undefined>>({});
  const subscription = client
    .subscription(CampaignProgressChanged, { campaignId: options.campaignId ?? null })
    .subscribe((result) => {
      if (result.error) options.onProblem?.(describeError(result.error));
      const campaign = result.data?.campaignProgress;
      if (!campaign) return;
      setLive(campaign.id, reconcile(campaign));
      options.onChange?.(campaign);
    });
  onCleanup(() => subscription.unsubscribe());
  // A fresh fetch is as new as what was heard before it.
  createEffect(
    on(options.fetched, (campaigns) => setLive(Object.fromEntries(campaigns.map((c) => [c.id, undefined])))),
  );
  createEffect(on(liveReconnects, () => options.onChange?.(), { defer: true }));
  return () => options.fetched().map((campaign) => live[campaign.id] ?? campaign);
}

export const StartCampaign = graphql(`
  mutation ConsoleStartCampaign($id: ID!) {
    startCampaign(id: $id) {
      __typename
      ... on MutationStartCampaignSuccess { data { ...CampaignSummaryFields } }
      ... on Error { message }
    }
  }
`);
export const PauseCampaign = graphql(`
  mutation ConsolePauseCampaign($id: ID!) {
    pauseCampaign(id: $id) {
      __typename ... on MutationPauseCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }
    }
  }
`);
export const ResumeCampaign = graphql(`
  mutation ConsoleResumeCampaign($id: ID!) {
    resumeCampaign(id: $id) {
      __typename ... on MutationResumeCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }
    }
  }
`);
export const CancelCampaign = graphql(`
  mutation ConsoleCancelCampaign($id: ID!, $endCalls: Boolean!) {
    cancelCampaign(id: $id, endCalls: $endCalls) {
      __typename ... on MutationCancelCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }
    }
  }
`);
