import { z } from 'zod';
import { lineInterrupted, lineLatencyMs } from '../db/calls.ts';
import { Call, CallNote, TranscriptLine, User } from '../db/entities/index.ts';
import { noteBodyOf, sealNoteBody } from '../db/sealed-columns.ts';
import { ForbiddenActionError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { SPEAKERS } from '../workflows/definitions/call.ts';
import { audited, builder } from './builder.ts';
import { CallRef } from './call.ts';
import { lineCitations, TranscriptCitationRef } from './citations.ts';
import type { GatewayContext } from './context.ts';
import { UserRef } from './users.ts';
import { parseInput } from './validation.ts';

const SpeakerEnum = builder.enumType('Speaker', {
  values: Object.fromEntries(SPEAKERS.map((s) => [s.toUpperCase(), { value: s }])),
});

export const TranscriptLineRef = builder.objectRef<TranscriptLine>('TranscriptLine').implement({
  description: 'One spoken line of a call, with its offsets from the start of the call.',
  fields: (t) => ({
    id: t.exposeID('id'),
    sequence: t.exposeInt('sequence'),
    speaker: t.field({ type: SpeakerEnum, resolve: (l) => l.speaker }),
    text: t.exposeString('text'),
    startMs: t.exposeInt('startMs', { nullable: true }),
    endMs: t.exposeInt('endMs', { nullable: true }),
    latencyMs: t.int({
      nullable: true,
      description: "The agent's lines: the caller's end of speech to this reply's first audio byte.",
      resolve: (l) => lineLatencyMs(l.metadata),
    }),
    interrupted: t.boolean({
      description: 'The caller talked over this line of the agent: `text` is the part they heard before they did.',
      resolve: (l) => lineInterrupted(l.metadata),
    }),
    citations: t.field({
      type: [TranscriptCitationRef],
      description: "The agent's lines: the knowledge chunks the line was answered from, best first.",
      resolve: (l) => lineCitations(l.metadata),
    }),
    at: t.field({ type: 'DateTime', resolve: (l) => l.createdAt }),
  }),
});

const TranscriptPageRef = builder
  .objectRef<{ lines: TranscriptLine[]; hasMore: boolean; totalCount: number }>('TranscriptPage')
  .implement({
    fields: (t) => ({
      lines: t.field({ type: [TranscriptLineRef], resolve: (p) => p.lines }),
      hasMore: t.exposeBoolean('hasMore', { description: 'Ask again with `afterSequence` set to the last line.' }),
      totalCount: t.exposeInt('totalCount'),
    }),
  });

const CallNoteRef = builder.objectRef<CallNote>('CallNote').implement({
  description: "A supervisor's or agent's note on a call.",
  fields: (t) => ({
    id: t.exposeID('id'),
    body: t.string({
      description: 'The note (a sensitive one opened from its sealed copy).',
      resolve: (note, _args, ctx) => noteBodyOf(ctx.encryption, ctx.auth!.organizationId, note),
    }),
    sensitive: t.exposeBoolean('sensitive', {
      description: 'Marked as holding personal data: sealed at rest with the organisation’s key.',
    }),
    category: t.exposeString('category', { nullable: true }),
    tags: t.exposeStringList('tags'),
    author: t.field({
      type: UserRef,
      nullable: true,
      resolve: (note, _args, { em }) => (note.author ? em.findOne(User, note.author.id) : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => n.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (n) => n.updatedAt }),
  }),
});

builder.objectFields(CallRef, (t) => ({
  transcript: t.field({
    type: TranscriptPageRef,
    description: 'What was said, in order, a page at a time.',
    args: { first: t.arg.int({ defaultValue: 100 }), afterSequence: t.arg.int() },
    resolve: async (call, { first, afterSequence }, { em }) => {
      const limit = Math.min(Math.max(first ?? 100, 1), 500);
      const where = {
        call: call.id,
        ...(afterSequence !== null && afterSequence !== undefined && { sequence: { $gt: afterSequence } }),
      };
      const [lines, totalCount] = await Promise.all([
        em.find(TranscriptLine, where, { orderBy: { sequence: 'asc' }, limit: limit + 1 }),
        em.count(TranscriptLine, { call: call.id }),
      ]);
      return { lines: lines.slice(0, limit), hasMore: lines.length > limit, totalCount };
    },
  }),
  notes: t.field({
    type: [CallNoteRef],
    resolve: (call, _args, { em }) => em.find(CallNote, { call: call.id }, { orderBy: { createdAt: 'asc' } }),
  }),
}));

const NoteInput = builder.inputType('CallNoteInput', {
  fields: (t) => ({
    body: t.string({ required: true }),
    category: t.string({ required: false }),
    tags: t.stringList({ required: false }),
    sensitive: t.boolean({
      required: false,
      description: 'Holds personal data: the body is sealed at rest (false when left out).',
    }),
  }),
});

const noteInput = z.object({
  body: z.string().trim().min(1, 'must not be empty').max(10_000, 'must be at most 10000 characters'),
  category: z.string().trim().max(100).nullish(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20, 'at most 20 tags').nullish(),
  sensitive: z.boolean().nullish(),
});

/** A note's body as stored: in the clear, or sealed with its identifiers indexed when it is sensitive. */
function writeBody(ctx: GatewayContext, note: CallNote, body: string, sensitive: boolean): void {
  const sealed = sensitive ? sealNoteBody(ctx.encryption, ctx.auth!.organizationId, note.id, body) : null;
  note.sensitive = sensitive;
  note.body = sealed ? null : body;
  note.sealedBody = sealed?.sealedBody ?? null;
  note.identifierDigests = sealed?.identifierDigests ?? [];
}

async function noteInOrg(ctx: GatewayContext, id: string): Promise<CallNote> {
  const note = isUuid(id)
    ? await ctx.em.findOne(CallNote, { id, call: { organization: ctx.auth!.organizationId } }, { populate: ['author'] })
    : null;
  if (!note) throw new NotFoundError('CallNote', id);
  return note;
}

/** Authors change their notes; admins and supervisors may also remove anyone's. */
function assertMayChange(ctx: GatewayContext, note: CallNote, action: 'update' | 'delete'): void {
  const own = ctx.auth!.kind === 'user' && note.author?.id === ctx.auth!.id;
  const moderator = action === 'delete' && (ctx.auth!.role === 'admin' || ctx.auth!.role === 'supervisor');
  if (!own && !moderator) throw new ForbiddenActionError(`only the author may ${action} this note`);
}

builder.mutationFields((t) => ({
  addCallNote: t.field({
    type: CallNoteRef,
    authScopes: { permission: 'notes:write' },
    errors: { types: [ValidationError, NotFoundError] },
    args: { callId: t.arg.id({ required: true }), input: t.arg({ type: NoteInput, required: true }) },
    resolve: audited('CallNote', async (_root, { callId, input }, ctx) => {
      const data = parseInput(noteInput, input);
      const call = isUuid(callId)
        ? await ctx.em.findOne(Call, { id: callId, organization: ctx.auth!.organizationId })
        : null;
      if (!call) throw new NotFoundError('Call', callId);
      const note = ctx.em.create(CallNote, {
        call,
        author: ctx.auth!.kind === 'user' ? ctx.auth!.id : null,
        body: null,
        category: data.category ?? null,
        tags: data.tags ?? [],
      });
      writeBody(ctx, note, data.body, data.sensitive ?? false);
      await ctx.em.flush();
      return note;
    }),
  }),
  updateCallNote: t.field({
    type: CallNoteRef,
    authScopes: { permission: 'notes:write' },
    errors: { types: [ValidationError, NotFoundError, ForbiddenActionError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: NoteInput, required: true }) },
    resolve: audited('CallNote', async (_root, { id, input }, ctx) => {
      const data = parseInput(noteInput, input);
      const note = await noteInOrg(ctx, id);
      assertMayChange(ctx, note, 'update');
      // Left out, the note keeps its mark: an edit never unseals a note by omission.
      writeBody(ctx, note, data.body, data.sensitive ?? note.sensitive);
      note.category = data.category ?? null;
      note.tags = data.tags ?? [];
      await ctx.em.flush();
      return note;
    }),
  }),
  deleteCallNote: t.field({
    type: CallNoteRef,
    authScopes: { permission: 'notes:write' },
    errors: { types: [NotFoundError, ForbiddenActionError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('CallNote', async (_root, { id }, ctx) => {
      const note = await noteInOrg(ctx, id);
      assertMayChange(ctx, note, 'delete');
      await ctx.em.remove(note).flush();
      return note;
    }),
  }),
}));
