import { useClient } from '@urql/solid';
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { liveReconnects } from '../client.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EscalationChanged } from '../escalations.ts';
import { graphql } from '../gql/gql.ts';
import { describeError } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';
import { AgentForm } from './agents/AgentForm.tsx';
import { AgentRow } from './agents/AgentRow.tsx';
import type { HumanAgent } from './agents/human-agents.ts';

/** After an escalation changes, agents' load and stats are fetched again this much later. */
const RELOAD_AFTER_ESCALATION_MS = 300;

const AgentsQuery = graphql(`
  query ConsoleHumanAgents { humanAgents { ...HumanAgentFields } }
`);

/**
 * The human agents escalations go to: availability (an agent sets their own, a supervisor anyone's),
 * load, skills, department and how they perform; supervisors add, change and remove them.
 */
export function Agents() {
  const client = useClient();
  const viewer = useViewer();
  const [agents, setAgents] = createStore<HumanAgent[]>([]);
  const [loading, setLoading] = createSignal(true);
  const [problem, setProblem] = createSignal('');
  const [editing, setEditing] = createSignal<string | null>(null);
  const manager = () => can(viewer, 'AGENTS_MANAGE');

  const load = async () => {
    const result = await client.query(AgentsQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setLoading(false);
    setProblem(result.error ? describeError(result.error) : '');
    if (result.data) setAgents(reconcile(result.data.humanAgents));
  };
  const place = (agent: HumanAgent) =>
    setAgents((list) =>
      list.some((a) => a.id === agent.id)
        ? list.map((a) => (a.id === agent.id ? agent : a))
        : [...list, agent].sort((a, b) => a.name.localeCompare(b.name)),
    );

  // Offers, accepts and completions change agents' load and stats.
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  const subscription = client.subscription(EscalationChanged, {}).subscribe(() => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(load, RELOAD_AFTER_ESCALATION_MS);
  });
  onCleanup(() => {
    subscription.unsubscribe();
    clearTimeout(reloadTimer);
  });
  load();
  createEffect(on(liveReconnects, load, { defer: true }));

  return (
    <section>
      <h1>Agents</h1>
      <p class="hint">
        The people escalated calls go to. Only available agents with room under their limit are offered calls; the least
        loaded goes first.
      </p>
      <Show when={manager()}>
        <AgentForm label="Add an agent" submitLabel="Add agent" onSaved={place} />
      </Show>
      <ErrorAlert message={problem()} />
      <DataTable
        label="Agents"
        columns={[
          'Agent',
          'Department',
          'Skills',
          'Availability',
          'Load',
          'Handled',
          'Avg handle time',
          'Resolved',
          '',
        ]}
        rows={agents}
        empty={loading() ? 'Loading…' : 'No agents yet.'}
      >
        {(agent) => (
          <Show
            when={editing() === agent.id}
            fallback={
              <AgentRow
                agent={agent}
                onChange={place}
                onEdit={() => setEditing(agent.id)}
                onDelete={() => setAgents((list) => list.filter((a) => a.id !== agent.id))}
              />
            }
          >
            <tr data-testid="agent-editing">
              <td colSpan={9}>
                <AgentForm
                  label={`Edit ${agent.name}`}
                  submitLabel="Save agent"
                  agent={agent}
                  onSaved={(saved) => {
                    place(saved);
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              </td>
            </tr>
          </Show>
        )}
      </DataTable>
    </section>
  );
}
