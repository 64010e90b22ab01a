import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditLog, Campaign, CampaignContact, Escalation } from '../../db/entities/index.ts';
import { connectWeaviate } from '../../lib/weaviate.ts';
import { type CallStack, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { TEST_DATABASE_URL, testConfig, testEnv } from '../support/env.ts';
import { graphql } from '../support/graphql.ts';
import { temporalCli } from '../support/temporal.ts';
import { createBusiness, login } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * A person's rights on a real call (gateway, worker, bridge, simulators): the export holds
 * everything about the caller, and after their erasure neither Postgres, Weaviate nor Temporal does.
 */
const CALLER = '+155501000014';
const FIRST_LINE = 'I want to pay my bill with my card.';
const CARD_LINE = 'My card number is [card •••• 4242] and my email is [email].';
const SPOKEN_CARD_LINE = 'My card number is 4242 4242 4242 4242 and my email is jane.doe@example.com.';
const NOTE = 'Wants the bill split over two months';
const CONTACT_NAME = 'Jane Quigley-Doe';
const run = promisify(execFile);

let stack: CallStack;

beforeAll(async () => {
  stack = await startCallStack('PersonRights');
});

afterAll(async () => {
  await stack?.stop();
});

const gql = (query: string, variables: Record<string, unknown>, token: string) =>
  graphql(stack.gateway.url, query, variables, token);

const REQUEST_FIELDS = `id kind status stage itemsDone itemsTotal progress subjectHint includeOriginals error workflowId
  download { url }
  receipt { weaviateObjects addedToDoNotCall
    postgres { callIds activeCallIds transcriptLines transcriptOriginals notes qaScores analyses escalationIds liveEvents campaignContactIds exportIds }
    temporal { deleted notFound running } }`;
const EXPORT = `mutation ($i: ExportPersonDataInput!) { exportPersonData(input: $i) {
  __typename ... on MutationExportPersonDataSuccess { data { id } } ... on ValidationError { fieldErrors { field message } } } }`;
const ERASE = `mutation ($i: ErasePersonInput!) { erasePerson(input: $i) {
  __typename ... on MutationErasePersonSuccess { data { id } } ... on ValidationError { fieldErrors { field message } } } }`;
const REQUEST = `query ($id: ID!) { personRequest(id: $id) { ${REQUEST_FIELDS} } }`;

async function finishedRequest(id: string, token: string) {
  return eventually(
    async () => {
      const request = (await gql(REQUEST, { id }, token)).data?.personRequest;
      if (request?.status === 'FAILED') throw new Error(`request failed: ${request.error}`);
      return request?.status === 'COMPLETED' ? request : undefined;
    },
    60_000,
    `person request ${id}`,
  );
}

async function dump(): Promise<string> {
  return (await run('pg_dump', ['--data-only', TEST_DATABASE_URL], { maxBuffer: 1024 * 1024 * 1024 })).stdout;
}
const occurrences = (text: string, part: string) => text.split(part).length - 1;

async function workflowGone(workflowId: string): Promise<boolean> {
  const shown = await run(temporalCli(), ['workflow', 'show', '-w', workflowId]).then(
    () => true,
    () => false,
  );
  const { stdout } = await run(temporalCli(), ['workflow', 'list', '-q', `WorkflowId='${workflowId}'`, '-o', 'json']);
  return !shown && (JSON.parse(stdout || '[]') as unknown[]).length === 0;
}

describe('a person’s rights', () => {
  it('exports every call, line, note, QA, analysis, contact and escalation about a caller, then erases them from Postgres, Weaviate and Temporal with a receipt, audited', async () => {
    const { orm } = stack.gateway;
    const businessId = await createBusiness(orm, stack.tenant);
    const admin = (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken;
    const kept = await gql(
      'mutation ($b: ID!) { updatePrivacySettings(businessId: $b, input: { keepOriginals: true }) { __typename } }',
      { b: businessId },
      admin,
    );
    expect(kept.data?.updatePrivacySettings.__typename).toBe('MutationUpdatePrivacySettingsSuccess');
    // Rows of earlier runs in other organisations may name the same simulated caller: count them first.
    const before = await dump();

    const { id } = await placeCall(stack, CALLER, businessId);
    await finishedCall(stack, id);
    const escalation = await eventually(
      async () => (await orm.em.fork().findOne(Escalation, { call: id })) ?? undefined,
    );
    // Erasure deletes closed executions only: let the post-call work and the escalation finish.
    await stack.gateway.temporal.workflow.getHandle(`postcall-${id}`).result();
    await stack.gateway.temporal.workflow.getHandle(`escalation-${escalation.id}`).result();
    const noted = await gql(
      `mutation ($c: ID!, $b: String!) { addCallNote(callId: $c, input: { body: $b }) { __typename } }`,
      { c: id, b: NOTE },
      stack.token,
    );
    expect(noted.data?.addCallNote.__typename).toBe('MutationAddCallNoteSuccess');
    const em = orm.em.fork();
    const campaign = em.create(Campaign, {
      organization: stack.tenant.organizationId,
      business: businessId,
      name: 'Renewals',
    });
    const contact = em.create(CampaignContact, {
      campaign,
      organization: stack.tenant.organizationId,
      phoneNumber: CALLER,
      name: CONTACT_NAME,
      variables: { plan: 'gold' },
    });
    await em.flush();

    // Only admins may ask; a supervisor is refused.
    const refused = await gql(EXPORT, { i: { phoneNumber: CALLER } }, stack.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const both = await gql(EXPORT, { i: { phoneNumber: CALLER, email: 'jane.doe@example.com' } }, admin);
    expect(both.data?.exportPersonData.__typename).toBe('ValidationError');

    const started = await gql(EXPORT, { i: { phoneNumber: CALLER } }, admin);
    const exportId = started.data?.exportPersonData.data.id as string;
    const exported = await finishedRequest(exportId, admin);
    expect(exported).toMatchObject({
      kind: 'EXPORT',
      includeOriginals: true,
      itemsDone: 1,
      itemsTotal: 1,
      progress: 1,
    });
    expect(exported.subjectHint).toBe('•••• 0014');
    const response = await fetch(new URL(exported.download.url, stack.gateway.url));
    expect(response.headers.get('content-type')).toBe('application/json');
    const archive = (await response.json()) as {
      subject: { value: string };
      calls: {
        id: string;
        to_number: string;
        transcript: string;
        lines: { text: string; original?: string }[];
        notes: { body: string }[];
        qa: { score: number } | null;
        analysis: { summary: string | null } | null;
        escalations: { id: string; context: { customerNumber: string } }[];
      }[];
      campaignContacts: { id: string; name: string; variables: Record<string, string> }[];
    };
    expect(archive.subject.value).toBe(CALLER);
    expect(archive.calls.map((call) => call.id)).toEqual([id]);
    const [call] = archive.calls;
    expect(call?.to_number).toBe(CALLER);
    expect(call?.transcript).toContain(FIRST_LINE);
    // An admin may reveal originals, so the archive has the line as spoken beside the redacted one.
    expect(call?.lines).toContainEqual(expect.objectContaining({ text: CARD_LINE, original: SPOKEN_CARD_LINE }));
    expect(call?.notes.map((note) => note.body)).toEqual([NOTE]);
    expect(call?.qa?.score).toEqual(expect.any(Number));
    expect(call?.analysis?.summary).toEqual(expect.any(String));
    expect(call?.escalations.map((e) => e.id)).toEqual([escalation.id]);
    expect(archive.campaignContacts).toEqual([
      expect.objectContaining({ id: contact.id, name: CONTACT_NAME, variables: { plan: 'gold' } }),
    ]);

    const erasing = await gql(ERASE, { i: { phoneNumber: CALLER, addToDoNotCall: true } }, admin);
    const erasureId = erasing.data?.erasePerson.data.id as string;
    const erased = await finishedRequest(erasureId, admin);
    const { receipt } = erased;
    expect(receipt.postgres).toMatchObject({
      callIds: [id],
      activeCallIds: [],
      notes: 1,
      qaScores: 1,
      analyses: 1,
      escalationIds: [escalation.id],
      campaignContactIds: [contact.id],
      exportIds: [expect.any(String)],
    });
    expect(receipt.postgres.transcriptLines).toBe(call?.lines.length);
    expect(receipt.postgres.transcriptOriginals).toBeGreaterThanOrEqual(1);
    expect(receipt.temporal.deleted).toEqual(
      expect.arrayContaining([`call-${id}`, `postcall-${id}`, `escalation-${escalation.id}`, exported.workflowId]),
    );
    expect(receipt.temporal.running).toEqual([]);
    expect(receipt).toMatchObject({ weaviateObjects: 0, addedToDoNotCall: true });
    // The receipt stays readable; the archive does not.
    expect((await gql(REQUEST, { id: exportId }, admin)).data?.personRequest.download).toBeNull();

    // Postgres: beyond what was there before, the number is only on the do-not-call list, and
    // nothing they said, nor their note or contact, is anywhere.
    const after = await dump();
    const rowsNaming = (text: string) => after.split('\n').filter((row) => row.includes(text));
    expect(rowsNaming(CALLER).filter((row) => !before.includes(row))).toEqual([
      expect.stringMatching(/Erasure request/),
    ]);
    expect(occurrences(after, CALLER)).toBe(occurrences(before, CALLER) + 1);
    for (const said of [FIRST_LINE, CARD_LINE, SPOKEN_CARD_LINE, NOTE, CONTACT_NAME, 'jane.doe@example.com']) {
      expect(occurrences(after, said)).toBe(occurrences(before, said));
    }
    expect(rowsNaming(id).join('\n')).not.toMatch(/My card number|pay my bill/);

    // Weaviate: no object of the business mentions them (nothing is written there per call).
    const weaviate = await connectWeaviate(testConfig(testEnv()).weaviate);
    try {
      for (const { name } of await weaviate.collections.listAll()) {
        const collection = weaviate.collections.use(name);
        const tenants = await collection.tenants.get();
        if (!tenants[businessId]) continue;
        const objects = await collection.withTenant(businessId).query.fetchObjects({ limit: 1000 });
        const text = JSON.stringify(objects.objects.map((o) => o.properties));
        for (const said of [CALLER, FIRST_LINE, NOTE]) expect(text).not.toContain(said);
      }
    } finally {
      await weaviate.close();
    }

    // Temporal: the executions that carried their data are gone from the store.
    for (const workflowId of [`call-${id}`, `postcall-${id}`, `escalation-${escalation.id}`, exported.workflowId]) {
      await eventually(
        async () => ((await workflowGone(workflowId)) ? true : undefined),
        60_000,
        `${workflowId} deleted`,
      );
    }

    // Both requests are in the audit log, naming the request and never the number.
    const audit = await orm.em
      .fork()
      .find(AuditLog, { targetId: { $in: [exportId, erasureId] }, outcome: 'success' }, { orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.operation, entry.actorLabel])).toEqual([
      ['exportPersonData', stack.tenant.emails.admin],
      ['erasePerson', stack.tenant.emails.admin],
    ]);
    expect(JSON.stringify(audit)).not.toContain(CALLER);
  }, 240_000);
});
