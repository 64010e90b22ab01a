import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { BusinessConfig } from './business-config.ts';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { DocSource } from './doc-source.ts';
import { Organization } from './organization.ts';

export const KNOWLEDGE_STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];
export const KNOWLEDGE_SOURCES = ['text', 'url', 'upload', 'doc_sync'] as const;

/**
 * One document a business knows: the record here, its chunks in Weaviate (tenant = business).
 * `contentHash` is of the extracted text, so re-ingesting an unchanged document writes nothing.
 */
export const KnowledgeEntry = defineEntity({
  name: 'KnowledgeEntry',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    business: () => p.manyToOne(BusinessConfig).deleteRule('cascade'),
    title: p.string().length(300),
    source: p.enum(KNOWLEDGE_SOURCES),
    sourceUrl: p.string().length(2048).nullable(),
    /** The document as given (text entries) or as last fetched/uploaded. */
    content: p.type('blob').nullable().lazy(),
    mimeType: p.string().length(100).nullable(),
    vendor: p.string().length(100).nullable(),
    docType: p.string().length(50).nullable(),
    version: p.string().length(50).nullable(),
    tags: p.array().default([]),
    contentHash: p.string().length(64).nullable(),
    status: p.enum(KNOWLEDGE_STATUSES).default('pending'),
    error: p.text().nullable(),
    chunkCount: p.integer().default(0),
    indexedAt: p.datetime().nullable(),
    /** Doc-sync pages: their source, the validators for conditional requests and the page's links. */
    docSource: () => p.manyToOne(DocSource).nullable().deleteRule('cascade'),
    etag: p.string().length(300).nullable(),
    lastModified: p.string().length(100).nullable(),
    links: p.json<string[]>().nullable(),
    /** The last sync run that found the page; pages a completed run did not find are removed. */
    lastSeenRunId: p.uuid().nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['business', 'createdAt'] }, { properties: ['organization', 'status'] }],
  uniques: [{ properties: ['docSource', 'sourceUrl'] }],
});
export type KnowledgeEntry = InferEntity<typeof KnowledgeEntry>;
