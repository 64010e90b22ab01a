/** Markdown through mdast, with GFM tables. */
import type { ListItem, Nodes as MarkdownNode, Table as MarkdownTable } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { parseFragment as parseHtmlFragment } from 'parse5';
import { textContent } from './html.ts';
import { Outline, tableRowBlocks } from './outline.ts';
import type { ExtractedDocument } from './types.ts';

/** Plain text of inline Markdown: emphasis and links unwrapped, images and raw HTML dropped. */
function inlineText(node: MarkdownNode): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'html':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? (node.children as MarkdownNode[]).map(inlineText).join('') : '';
  }
}

/** The text of raw HTML embedded in Markdown (a `<details>` block, say), parsed as HTML. */
function htmlBlockText(html: string): string {
  return textContent(parseHtmlFragment(html));
}

function markdownTable(table: MarkdownTable, outline: Outline): void {
  const rows = table.children.map((row) => row.children.map(inlineText));
  for (const text of tableRowBlocks(rows, true)) outline.block(text);
}

/** A list item's own paragraphs form one block; nested lists follow as their own blocks. */
function markdownListItem(item: ListItem, outline: Outline): void {
  const nested = item.children.filter((child) => child.type === 'list');
  const own = item.children.filter((child) => child.type !== 'list');
  outline.block(own.map((child) => (child.type === 'code' ? child.value : inlineText(child))).join(' '));
  for (const list of nested) walkMarkdown(list, outline);
}

function walkMarkdown(node: MarkdownNode, outline: Outline): void {
  switch (node.type) {
    case 'heading':
      outline.heading(node.depth, inlineText(node));
      return;
    case 'paragraph':
      outline.block(inlineText(node));
      return;
    case 'code':
      outline.block(node.value);
      return;
    case 'html':
      outline.block(htmlBlockText(node.value));
      return;
    case 'table':
      markdownTable(node, outline);
      return;
    case 'listItem':
      markdownListItem(node, outline);
      return;
    case 'definition':
    case 'thematicBreak':
      return;
    default:
      if ('children' in node) for (const child of node.children as MarkdownNode[]) walkMarkdown(child, outline);
  }
}

export function extractMarkdown(markdown: string): ExtractedDocument {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const outline = new Outline();
  walkMarkdown(tree, outline);
  return { type: 'markdown', title: outline.firstHeading(1), blocks: outline.blocks };
}
