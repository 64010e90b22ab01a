/**
 * Documentation sources that ship as configuration (./doc-sync-presets.json): a source made from
 * a preset copies its start URL, prefixes, vendor and doc-type rules, which can be changed after.
 */
import { readFileSync } from 'node:fs';
import type { DocTypeRule } from '../db/entities/doc-source.ts';

export interface DocSyncPreset {
  key: string;
  name: string;
  vendor: string;
  startUrl: string;
  allowedPrefixes: string[];
  sitemapUrl: string | null;
  docTypeRules: DocTypeRule[];
}

export const DOC_SYNC_PRESETS: readonly DocSyncPreset[] = JSON.parse(
  readFileSync(new URL('./doc-sync-presets.json', import.meta.url), 'utf8'),
);
