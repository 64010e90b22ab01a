/**
 * Whose workflow it is, from its id: the organisation of the call, escalation, sync or entry the id
 * names (workflows/definitions/*), for the payload codec's per-organisation keys.
 */
import type { Encryption } from '../lib/encryption.ts';
import { OrganizationPayloadCodec } from '../lib/payload-codec.ts';
import type { Orm } from './orm.ts';

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

/** Each workflow id shape and the row whose organisation owns it. */
const OWNERS: { id: RegExp; sql: string | null }[] = [
  {
    id: new RegExp(`^(?:call|qa|postcall)-${UUID}$`),
    sql: 'select organization_id as owner from call where id = ?',
  },
  {
    id: new RegExp(`^webhook-delivery-${UUID}$`),
    sql: 'select organization_id as owner from webhook_delivery where id = ?',
  },
  { id: new RegExp(`^escalation-${UUID}$`), sql: 'select organization_id as owner from escalation where id = ?' },
  { id: new RegExp(`^docsync-${UUID}$`), sql: 'select organization_id as owner from doc_source where id = ?' },
  {
    id: new RegExp(`^knowledge-${UUID}$`),
    sql: 'select organization_id as owner from knowledge_entry where id = ?',
  },
  { id: new RegExp(`^campaign-${UUID}$`), sql: 'select organization_id as owner from campaign where id = ?' },
  { id: new RegExp(`^export-${UUID}$`), sql: 'select organization_id as owner from data_export where id = ?' },
  {
    id: new RegExp(`^person-(?:export|erasure)-${UUID}$`),
    sql: 'select organization_id as owner from person_request where id = ?',
  },
  {
    id: new RegExp(`^knowledge-reindex-${UUID}$`),
    sql: 'select organization_id as owner from business_config where id = ?',
  },
  // The schedule's id, and its runs' ids (the schedule appends the time): the organisation itself.
  { id: new RegExp(`^retention-${UUID}(?:-.+)?$`), sql: null },
];

/** Looks an owner up (undefined for an id of no known shape, or a row not written yet). */
export function workflowOwnerLookup(orm: Orm): (workflowId: string) => Promise<string | undefined> {
  return async (workflowId) => {
    for (const { id, sql } of OWNERS) {
      const match = id.exec(workflowId);
      if (!match) continue;
      if (!sql) return match[1];
      const [row] = await orm.em.fork().getConnection().execute<{ owner: string }[]>(sql, [match[1]]);
      return row?.owner;
    }
    return undefined;
  };
}

/** How every process talks to Temporal: payloads sealed per organisation (lib/payload-codec.ts). */
export function temporalDataConverter(orm: Orm, encryption: Encryption): { payloadCodecs: [OrganizationPayloadCodec] } {
  return { payloadCodecs: [new OrganizationPayloadCodec(encryption, workflowOwnerLookup(orm))] };
}
