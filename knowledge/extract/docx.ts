/** Word documents (.docx) through mammoth, converted to HTML and read like any web page. */
import mammoth from 'mammoth';
import { BrokenDocumentError, firstLine } from './errors.ts';
import { htmlOutline } from './html.ts';
import type { ExtractedDocument } from './types.ts';

/** Word's own Title style is the document title; mammoth's defaults cover Heading 1–6. */
const DOCX_STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  'p.Title => h1:fresh',
  "p[style-name='Subtitle'] => p:fresh",
];

/** Images are not text: give them an empty source instead of inlining them as data URIs. */
const skipImages = mammoth.images.imgElement(async () => ({ src: '' }));

/** Turns mammoth's (and its XML and ZIP readers') failures into a short reason. */
function describeDocxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('xmldom')) return 'its text part (word/document.xml) is not valid XML';
  if (message.includes('main document part')) return 'it has no main document part (word/document.xml)';
  if (message.includes('zip') || message.includes('central directory')) return 'the file is damaged or truncated';
  return firstLine(message);
}

export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result = await mammoth
    .convertToHtml({ buffer }, { styleMap: DOCX_STYLE_MAP, convertImage: skipImages, externalFileAccess: false })
    .catch((error: unknown) => {
      throw new BrokenDocumentError('docx', describeDocxError(error), { cause: error });
    });
  const { outline } = htmlOutline(result.value);
  return { type: 'docx', title: outline.firstHeading(), blocks: outline.blocks };
}
