/** HTML (and DOCX, through mammoth's HTML) read with parse5: the main content, without page furniture. */
import { type DefaultTreeAdapterTypes, defaultTreeAdapter, parse as parseHtml } from 'parse5';
import { normalizeWhitespace, Outline, tableRowBlocks } from './outline.ts';
import type { ExtractedDocument } from './types.ts';

type HtmlNode = DefaultTreeAdapterTypes.Node;
type HtmlElement = DefaultTreeAdapterTypes.Element;

const { isElementNode, isTextNode, getTagName, getAttrList, getChildNodes, getParentNode, getTextNodeContent } =
  defaultTreeAdapter;

/** A set of tag names, written as space-separated groups. */
function tagSet(...groups: string[]): ReadonlySet<string> {
  return new Set(groups.join(' ').split(' '));
}

/** Never content: dropped even when the strict pass found nothing. */
const NEVER_CONTENT = tagSet(
  'head script style noscript template iframe object embed',
  'svg math canvas video audio button select textarea input dialog',
);
/** Page furniture: dropped around the main content. */
const BOILERPLATE = tagSet('nav aside footer form');
const BOILERPLATE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog']);
/** Elements whose own `<header>` belongs to the content, not to the page. */
const SECTIONING = tagSet('main article section');
const HEADING_LEVELS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
/** Elements that start and end a block; everything else is inline and flows into the current block. */
const BLOCK_ELEMENTS = tagSet(
  'html body main article section header hgroup address div p blockquote pre hr',
  'ul ol li dl dt dd details summary figure figcaption fieldset legend table caption tr td th',
);

function attribute(element: HtmlElement, name: string): string | null {
  return getAttrList(element).find((attr) => attr.name === name)?.value ?? null;
}

function isHidden(element: HtmlElement): boolean {
  return attribute(element, 'hidden') !== null || attribute(element, 'aria-hidden') === 'true';
}

function children(node: HtmlNode): HtmlNode[] {
  return 'childNodes' in node ? getChildNodes(node) : [];
}

function hasAncestor(element: HtmlElement, tags: ReadonlySet<string>): boolean {
  for (let parent = getParentNode(element); parent; parent = isElementNode(parent) ? getParentNode(parent) : null) {
    if (isElementNode(parent) && tags.has(getTagName(parent))) return true;
  }
  return false;
}

/** Depth-first search for elements matching a predicate, not descending into matches. */
function findElements(root: HtmlNode, matches: (element: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (node: HtmlNode): void => {
    if (isElementNode(node) && matches(node)) found.push(node);
    else for (const child of children(node)) visit(child);
  };
  visit(root);
  return found;
}

/** The main content: `<main>`, else `[role=main]`, else a lone `<article>`, else the whole body. */
function contentRoot(document: DefaultTreeAdapterTypes.Document): HtmlNode {
  const visible = (test: (element: HtmlElement) => boolean) =>
    findElements(document, (element) => test(element) && !isHidden(element));
  const main = visible((el) => getTagName(el) === 'main')[0] ?? visible((el) => attribute(el, 'role') === 'main')[0];
  if (main) return main;
  const articles = visible((el) => getTagName(el) === 'article');
  if (articles.length === 1) return articles[0]!;
  return findElements(document, (el) => getTagName(el) === 'body')[0] ?? document;
}

/** The concatenated text inside a node, skipping what is never content. */
export function textContent(node: HtmlNode): string {
  if (isTextNode(node)) return getTextNodeContent(node);
  if (isElementNode(node)) {
    const tag = getTagName(node);
    if (NEVER_CONTENT.has(tag) || isHidden(node)) return '';
    if (tag === 'br') return ' ';
  }
  const inner = children(node).map(textContent).join('');
  return isElementNode(node) && BLOCK_ELEMENTS.has(getTagName(node)) ? ` ${inner} ` : inner;
}

const LAYOUT_CONTENT = tagSet('table ul ol h1 h2 h3 h4 h5 h6');

/** A table is tabular data unless it nests headings, lists or tables, i.e. lays out a page. */
function isDataTable(table: HtmlElement): boolean {
  if (attribute(table, 'role') === 'presentation') return false;
  return findElements(table, (el) => el !== table && LAYOUT_CONTENT.has(getTagName(el))).length === 0;
}

/** The element children of a node with one of the given tag names. */
function childElements(node: HtmlNode, ...tags: string[]): HtmlElement[] {
  return children(node)
    .filter(isElementNode)
    .filter((element) => tags.includes(getTagName(element)));
}

/** The rows of a table, through thead/tbody/tfoot but not into nested tables. */
function tableRows(table: HtmlElement): HtmlElement[] {
  const sections = [table, ...childElements(table, 'thead', 'tbody', 'tfoot')];
  return sections.flatMap((section) => childElements(section, 'tr'));
}

/** A header row is in `<thead>` or made only of `<th>` cells. */
function isHeaderRow(row: HtmlElement | undefined): boolean {
  if (!row) return false;
  const parent = getParentNode(row);
  const cells = childElements(row, 'td', 'th');
  const inHead = parent !== null && isElementNode(parent) && getTagName(parent) === 'thead';
  return inHead || (cells.length > 0 && cells.every((cell) => getTagName(cell) === 'th'));
}

/** Walks an HTML tree in document order, emitting headings and blocks into an outline. */
class HtmlWalker {
  readonly #outline: Outline;
  readonly #dropBoilerplate: boolean;
  #inline: string[] = [];

  constructor(outline: Outline, dropBoilerplate: boolean) {
    this.#outline = outline;
    this.#dropBoilerplate = dropBoilerplate;
  }

  walk(node: HtmlNode): void {
    if (isTextNode(node)) {
      this.#inline.push(getTextNodeContent(node));
      return;
    }
    if (!isElementNode(node)) {
      for (const child of children(node)) this.walk(child);
      return;
    }
    this.#element(node);
  }

  finish(): void {
    this.#flush();
  }

  #element(element: HtmlElement): void {
    const tag = getTagName(element);
    if (this.#isDropped(element, tag)) return;
    const level = HEADING_LEVELS[tag];
    if (level !== undefined) {
      this.#flush();
      this.#outline.heading(level, textContent(element));
    } else if (tag === 'br') {
      this.#inline.push(' ');
    } else if (tag === 'pre') {
      this.#flush();
      this.#outline.block(textContent(element));
    } else if (tag === 'table' && isDataTable(element)) {
      this.#flush();
      this.#table(element);
    } else {
      const block = BLOCK_ELEMENTS.has(tag);
      if (block) this.#flush();
      for (const child of children(element)) this.walk(child);
      if (block) this.#flush();
    }
  }

  #isDropped(element: HtmlElement, tag: string): boolean {
    if (NEVER_CONTENT.has(tag) || isHidden(element)) return true;
    if (!this.#dropBoilerplate) return false;
    if (BOILERPLATE.has(tag) || BOILERPLATE_ROLES.has(attribute(element, 'role') ?? '')) return true;
    return tag === 'header' && !hasAncestor(element, SECTIONING);
  }

  #table(table: HtmlElement): void {
    for (const caption of childElements(table, 'caption')) this.#outline.block(textContent(caption));
    const rows = tableRows(table);
    const texts = rows.map((row) => childElements(row, 'td', 'th').map(textContent));
    for (const text of tableRowBlocks(texts, isHeaderRow(rows[0]))) this.#outline.block(text);
  }

  #flush(): void {
    this.#outline.block(this.#inline.join(''));
    this.#inline = [];
  }
}

function htmlTitle(document: DefaultTreeAdapterTypes.Document): string | null {
  const title = findElements(document, (el) => getTagName(el) === 'title' && !hasAncestor(el, tagSet('svg')))[0];
  return title ? normalizeWhitespace(textContent(title)) || null : null;
}

/**
 * Reads the main content of an HTML page. If dropping page furniture leaves nothing (a page
 * wrapped whole in a `<form>`, say), it reads the whole body instead.
 */
export function htmlOutline(html: string): { outline: Outline; document: DefaultTreeAdapterTypes.Document } {
  const document = parseHtml(html);
  for (const dropBoilerplate of [true, false]) {
    const outline = new Outline();
    const walker = new HtmlWalker(outline, dropBoilerplate);
    walker.walk(dropBoilerplate ? contentRoot(document) : document);
    walker.finish();
    if (outline.blocks.length > 0) return { outline, document };
  }
  return { outline: new Outline(), document };
}

export function extractHtml(html: string): ExtractedDocument {
  const { outline, document } = htmlOutline(html);
  return { type: 'html', title: htmlTitle(document) ?? outline.firstHeading(1), blocks: outline.blocks };
}

/** What a crawler needs of an HTML page besides its text. */
export interface HtmlPageLinks {
  /** `href`s of the page's links, as written (resolve them against `base`). */
  hrefs: string[];
  /** `<base href>`, when the page sets one. */
  base: string | null;
  /** `<meta name="robots">` says not to index the page / not to follow its links. */
  noindex: boolean;
  nofollow: boolean;
}

/** Reads an HTML page's links, `<base>` and robots meta tag (links marked `rel=nofollow` are left out). */
export function htmlLinks(html: string): HtmlPageLinks {
  const document = parseHtml(html);
  const robots = findElements(
    document,
    (el) => getTagName(el) === 'meta' && attribute(el, 'name')?.toLowerCase() === 'robots',
  )
    .map((el) => attribute(el, 'content')?.toLowerCase() ?? '')
    .join(',');
  const hrefs = findElements(document, (el) => getTagName(el) === 'a' && attribute(el, 'href') !== null)
    .filter((el) => !/\bnofollow\b/i.test(attribute(el, 'rel') ?? ''))
    .map((el) => attribute(el, 'href')!.trim());
  const base = findElements(document, (el) => getTagName(el) === 'base')[0];
  return {
    hrefs,
    base: base ? attribute(base, 'href') : null,
    noindex: /\b(noindex|none)\b/.test(robots),
    nofollow: /\b(nofollow|none)\b/.test(robots),
  };
}
