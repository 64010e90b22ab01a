/**
 * What every resolver receives, as narrow interfaces: the gateway builds a context per request (or
 * per subscription) from its own services, and the schema knows only what it uses of them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrganizationClients } from '../db/credentials.ts';
import type { ApiKey, AuditChanges, User } from '../db/entities/index.ts';
import type { EventFilter } from '../db/event-bus.ts';
import type { BusEvent } from '../db/events.ts';
import type { KnowledgeStore } from '../knowledge/store.ts';
import type { Config } from '../lib/config.ts';
import type { Encryption } from '../lib/encryption.ts';
import type { Logger } from '../lib/logger.ts';
import type { Role } from '../lib/permissions.ts';
import type { WeaviateClient } from '../lib/weaviate.ts';
import type { Workflows } from './workflows.ts';

/** Who is making a request: a signed-in user or an integrator's API key. */
export type Principal =
  | { kind: 'user'; id: string; sessionId: string; label: string; role: Role; organizationId: string }
  | { kind: 'apiKey'; id: string; label: string; role: Role; organizationId: string };

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** A signed-in session: the user and a fresh token pair. */
export interface Session {
  user: User;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** Sign-in, sessions, password resets and API keys. */
export interface Accounts {
  login(email: string, password: string, client: ClientInfo): Promise<Session>;
  refresh(refreshToken: string): Promise<Session>;
  logout(refreshToken: string): Promise<void>;
  requestPasswordReset(email: string): Promise<void>;
  inviteUser(userId: string, invitedBy: string): Promise<void>;
  resetPassword(token: string, newPassword: string): Promise<User>;
  createApiKey(input: {
    organizationId: string;
    name: string;
    role: Role;
    expiresAt: Date | null;
    createdById: string | null;
  }): Promise<{ apiKey: ApiKey; secret: string }>;
}

export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
}
/** Counts a hit against a limit; throws the 429 GraphQL error once the window is full. */
export interface Limiter {
  hit(limit: Limit, subject: string): Promise<void>;
}

export interface AuditActor {
  type: 'user' | 'api_key' | 'anonymous';
  id: string | null;
  label: string | null;
  organizationId: string | null;
}
export interface AuditEntry {
  operation: string;
  outcome: 'success' | 'denied' | 'error';
  errorCode?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** What the mutation changed, before and after (secrets only as their last four). */
  changes?: AuditChanges | null;
}
/** One request's audit trail; `actor` changes when a sign-in names who acted. */
export interface Audit {
  actor: AuditActor;
  record(entry: AuditEntry): void;
  /** A resolver says what it changed; the mutation's success entry carries it. */
  noteChanges(changes: AuditChanges): void;
  /** The changes noted since the last call (for the entry being written). */
  takeChanges(): AuditChanges | null;
}

/** Live events, replayed from a cursor and then live. */
export interface Events {
  subscribe(filter: EventFilter): AsyncIterableIterator<BusEvent>;
}

export interface GatewayContext {
  /** A fresh EntityManager fork for this unit of work. */
  em: EntityManager;
  /** Starting and messaging workflows. */
  workflows: Workflows;
  events: Events;
  config: Config;
  logger: Logger;
  requestId: string;
  /** The caller, or null when the request carried no credentials. */
  auth: Principal | null;
  accounts: Accounts;
  limiter: Limiter;
  /** The knowledge base in Weaviate (search, chunks, deletes). */
  knowledge: KnowledgeStore;
  client: ClientInfo;
  audit: Audit;
  /** Seals and opens organisations' secrets. */
  encryption: Encryption;
  /** Each organisation's Twilio, OpenAI and SMTP clients (its own credentials or the platform's). */
  clients: OrganizationClients;
  /** The platform's Weaviate, for its connection test. */
  weaviate: Pick<WeaviateClient, 'isReady' | 'getMeta' | 'collections'>;
}
