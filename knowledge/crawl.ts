/**
 * The crawler's reading of a documentation site: which URLs are in scope, what robots.txt allows,
 * what a sitemap lists, and what kind of page a page is. Network access lives in the doc-sync
 * activities; everything here is pure.
 */
import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';
import type { Robot } from 'robots-parser';
import type { DocTypeRule } from '../db/entities/doc-source.ts';

/** How the crawler introduces itself (robots.txt groups match on it). */
export const DOC_SYNC_USER_AGENT = 'CallPlatformDocSync/0.1';

// robots-parser is CommonJS whose typings do not describe its default export for ES modules.
const robotsParser: (url: string, contents: string) => Robot = createRequire(import.meta.url)('robots-parser');

export const DOC_TYPES = ['api_reference', 'guide', 'tutorial', 'changelog'] as const;

/**
 * An absolute http(s) URL without its fragment, or null for anything else (mailto:, javascript:,
 * a malformed href).
 */
export function normalizeUrl(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.href;
}

/** The prefixes a source crawls: the given ones, else the start URL's folder. */
export function scopeOf(startUrl: string, allowedPrefixes: string[]): string[] {
  if (allowedPrefixes.length) return allowedPrefixes;
  const url = new URL(startUrl);
  url.search = '';
  url.hash = '';
  return [url.href.slice(0, url.href.lastIndexOf('/') + 1)];
}

export const inScope = (url: string, prefixes: string[]): boolean => prefixes.some((p) => url.startsWith(p));

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Seconds between requests the site asks for, if any. */
  crawlDelay: number | null;
  sitemaps: string[];
}

/**
 * Reads robots.txt as RFC 9309 says: rules for our user agent (else `*`), longest match wins. `null`
 * text means the file does not exist (4xx): everything is allowed. `'unreachable'` (5xx, network)
 * means assume everything is disallowed for now.
 */
export function readRobots(robotsUrl: string, text: string | null | 'unreachable'): RobotsRules {
  if (text === 'unreachable') return { isAllowed: () => false, crawlDelay: null, sitemaps: [] };
  const robots = robotsParser(robotsUrl, text ?? '');
  return {
    isAllowed: (url) => robots.isAllowed(url, DOC_SYNC_USER_AGENT) !== false,
    crawlDelay: robots.getCrawlDelay(DOC_SYNC_USER_AGENT) ?? null,
    sitemaps: robots.getSitemaps(),
  };
}

const xml = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'url' || name === 'sitemap' });

/** A sitemap's page URLs, or the sitemaps a sitemap index lists. Unreadable XML reads as empty. */
export function readSitemap(text: string): { pages: string[]; sitemaps: string[] } {
  let doc: { urlset?: { url?: { loc?: unknown }[] }; sitemapindex?: { sitemap?: { loc?: unknown }[] } };
  try {
    doc = xml.parse(text);
  } catch {
    return { pages: [], sitemaps: [] };
  }
  const locs = (items: { loc?: unknown }[] | undefined) =>
    (items ?? []).map((item) => String(item.loc ?? '').trim()).filter(Boolean);
  return { pages: locs(doc.urlset?.url), sitemaps: locs(doc.sitemapindex?.sitemap) };
}

const HEURISTICS: [RegExp, (typeof DOC_TYPES)[number]][] = [
  [/changelog|release[-_ ]?notes|what'?s[-_ ]new|\/releases?\b/i, 'changelog'],
  [/api[-_ ]?reference|\/reference\/|\/api\/|\/rest\/|\/endpoints?\//i, 'api_reference'],
  [/tutorials?\b|quick[-_ ]?start|getting[-_ ]started|walkthrough|codelab|how[-_ ]to/i, 'tutorial'],
];

/**
 * A page's doc type: the source's first matching rule (a regular expression on the URL), else what
 * the URL or title suggests (changelog, api_reference, tutorial), else `guide`.
 */
export function categorise(url: string, title: string, rules: DocTypeRule[]): string {
  for (const rule of rules) {
    if (safeRegExp(rule.pattern)?.test(url)) return rule.docType;
  }
  const path = new URL(url).pathname;
  for (const [pattern, type] of HEURISTICS) {
    if (pattern.test(path) || pattern.test(title)) return type;
  }
  return 'guide';
}

/** A rule's pattern as a regular expression; null when it does not compile (validated on input). */
export function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return null;
  }
}
