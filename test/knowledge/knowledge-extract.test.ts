import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  BrokenDocumentError,
  type DocumentBlock,
  extractDocument,
  extractInWorker,
  sniffDocumentType,
  UnsupportedDocumentError,
} from '../../knowledge/extract/index.ts';
import {
  buildDocx,
  buildDocxBomb,
  buildPdf,
  buildPdfBomb,
  buildZip,
  docxDocumentXml,
  docxParagraph,
  docxTable,
  type PdfLine,
} from '../fixtures/knowledge/builders.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/knowledge/${name}`, import.meta.url)));
const block = (headings: string[], text: string): DocumentBlock => ({ headings, text });
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** The error a synchronous call throws (fails the test when it does not throw). */
function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

const refundPolicyPages: PdfLine[][] = [
  [
    { text: 'Refund Policy', size: 24, y: 720 },
    { text: 'We refund any purchase within 30 days. Send the receipt to our', size: 12, y: 690 },
    { text: 'support team for a quick refund.', size: 12, y: 676 },
    { text: 'Refunds reach your card in five days, depending on your bank', size: 12, y: 648 },
    { text: 'and the payment method that was used for the infor-', size: 12, y: 634 },
    { text: 'mation above.', size: 12, y: 620 },
    { text: 'Exceptions', size: 16, y: 590 },
    { text: 'Sale items (marked final) cannot be refunded.', size: 12, y: 566 },
  ],
  [
    { text: 'Gift cards are not refundable either.', size: 12, y: 720 },
    { text: 'Contact', size: 24, y: 690 },
    { text: 'Call +1 555 0100, weekdays 9 to 5.', size: 12, y: 660 },
  ],
];

describe('knowledge document extraction', () => {
  it('reads a PDF page by page into headings (by font size) and paragraphs, with its metadata title', async () => {
    const bytes = buildPdf(refundPolicyPages, 'Acme Refund Policy');
    const document = await extractDocument(bytes, { filename: 'refunds.pdf' });
    expect(document).toEqual({
      type: 'pdf',
      title: 'Acme Refund Policy',
      blocks: [
        block(
          ['Refund Policy'],
          'We refund any purchase within 30 days. Send the receipt to our support team for a quick refund.',
        ),
        block(
          ['Refund Policy'],
          'Refunds reach your card in five days, depending on your bank and the payment method that was used for the information above.',
        ),
        block(['Refund Policy', 'Exceptions'], 'Sale items (marked final) cannot be refunded.'),
        block(['Refund Policy', 'Exceptions'], 'Gift cards are not refundable either.'),
        block(['Contact'], 'Call +1 555 0100, weekdays 9 to 5.'),
      ],
    });
    expect(bytes.byteLength).toBeGreaterThan(0); // the caller's buffer is not handed over to PDF.js

    const untitled = await extractDocument(buildPdf(refundPolicyPages));
    expect(untitled.title).toBe('Refund Policy');
  });

  it('reads a DOCX through its HTML: Word title and heading styles become the heading path, tables become rows', async () => {
    const bytes = buildDocx(
      docxDocumentXml(
        [
          docxParagraph('Employee Handbook', 'Title'),
          docxParagraph('Leave', 'Heading1'),
          docxParagraph('Everyone gets 25 days of paid leave a year.'),
          docxParagraph('Sick leave', 'Heading2'),
          docxParagraph('Tell your manager before 10 am & rest.'),
          docxTable([
            ['Days off', 'Certificate needed'],
            ['1–3', 'No'],
            ['4 or more', 'Yes'],
          ]),
          docxParagraph('Expenses', 'Heading1'),
          docxParagraph('Submit receipts within a month.'),
        ].join(''),
      ),
    );
    expect(await extractDocument(bytes, { filename: 'handbook.docx' })).toEqual({
      type: 'docx',
      title: 'Employee Handbook',
      blocks: [
        block(['Leave'], 'Everyone gets 25 days of paid leave a year.'),
        block(['Leave', 'Sick leave'], 'Tell your manager before 10 am & rest.'),
        block(['Leave', 'Sick leave'], 'Days off: 1–3; Certificate needed: No'),
        block(['Leave', 'Sick leave'], 'Days off: 4 or more; Certificate needed: Yes'),
        block(['Expenses'], 'Submit receipts within a month.'),
      ],
    });
  });

  it('keeps the main content of a web page and drops navigation, header, sidebar, footer, forms and scripts', async () => {
    const document = await extractDocument(fixture('help-page.html'), { contentType: 'text/html; charset=utf-8' });
    expect(document).toEqual({
      type: 'html',
      title: 'Billing & Refunds | Acme Help Center',
      blocks: [
        block(['Billing'], 'We bill on the first day of every month, in advance.'),
        block(['Billing', 'Refunds'], 'Ask for a refund within 30 days of payment.'),
        block(['Billing', 'Refunds'], 'Unused months are refunded in full.'),
        block(['Billing', 'Refunds'], 'Partly used months:'),
        block(['Billing', 'Refunds'], 'refunded pro rata'),
        block(['Billing', 'Refunds', 'Refund amounts'], 'Plan: Basic; Monthly price: $10'),
        block(['Billing', 'Refunds', 'Refund amounts'], 'Plan: Pro; Monthly price: $25'),
        block(['Billing', 'Invoices'], 'Invoices are emailed as PDF. Ask support for copies.'),
        block(['Billing', 'Invoices'], 'GET /v1/invoices Authorization: Bearer …'),
      ],
    });
    const everything = JSON.stringify(document.blocks);
    for (const boilerplate of [
      'Shipping',
      'cookies',
      'Popular articles',
      'Subscribe',
      'JavaScript',
      '©',
      'analytics',
    ]) {
      expect(everything).not.toContain(boilerplate);
    }
  });

  it('finds the content of pages without <main>: a lone article keeps its own header, a form-wrapped page is read whole', async () => {
    const article = await extractDocument(
      utf8(
        '<!doctype html><body><header><p>Site banner</p></header><article><header><h1>Store hours</h1></header>' +
          '<p>Open 9–17.</p><footer>Posted by Ann</footer></article><footer>Footer links</footer></body>',
      ),
    );
    expect(article).toEqual({ type: 'html', title: 'Store hours', blocks: [block(['Store hours'], 'Open 9–17.')] });

    const webForms = await extractDocument(
      utf8('<html><body><form id="aspnetForm"><h2>Parking</h2><p>Free after 6 pm.</p></form></body></html>'),
    );
    expect(webForms.blocks).toEqual([block(['Parking'], 'Free after 6 pm.')]);
  });

  it('parses Markdown into headings and blocks: list items, table rows, code, quotes and embedded HTML', async () => {
    expect(await extractDocument(fixture('guide.md'), { filename: 'guide.md' })).toEqual({
      type: 'markdown',
      title: 'Getting started',
      blocks: [
        block(['Getting started'], 'Welcome to Acme Phone. Read the full manual & call us any time.'),
        block(['Getting started', 'Setting up'], 'Plug in the base station.'),
        block(['Getting started', 'Setting up'], 'Charge the handset:'),
        block(['Getting started', 'Setting up'], 'overnight the first time'),
        block(['Getting started', 'Setting up'], 'until the light turns green'),
        block(['Getting started', 'Setting up'], 'Light: Green; Meaning: Charged'),
        block(['Getting started', 'Setting up'], 'Light: Red; Meaning: Charging'),
        block(['Getting started', 'Setting up', 'Pairing'], 'acme pair --handset 1'),
        block(['Getting started', 'Setting up', 'Pairing'], 'Pairing takes up to two minutes.'),
        block(['Getting started', 'Troubleshooting'], 'No dial tone? Check the line cable.'),
      ],
    });
  });

  it('splits plain text on blank lines and takes a short first line as the title', async () => {
    const titled = await extractDocument(
      utf8('Opening Hours\r\n\r\nWe open at nine\r\nand close at five.\r\n\r\n\r\nCall us.'),
    );
    expect(titled).toEqual({
      type: 'text',
      title: 'Opening Hours',
      blocks: [block(['Opening Hours'], 'We open at nine and close at five.'), block(['Opening Hours'], 'Call us.')],
    });

    const untitled = await extractDocument(utf8('Please note:\n\nWe are closed on holidays.'), {
      filename: 'note.txt',
    });
    expect(untitled.title).toBeNull();
    expect(untitled.blocks).toEqual([block([], 'Please note:'), block([], 'We are closed on holidays.')]);
  });

  it('decides the type from the bytes before the name, and from the name or content type between Markdown and text', () => {
    const pdf = buildPdf(refundPolicyPages);
    const docx = buildDocx(docxDocumentXml(docxParagraph('Hi')));
    expect(sniffDocumentType(pdf, { filename: 'notes.txt', contentType: 'text/plain' })).toBe('pdf');
    expect(sniffDocumentType(docx, { filename: 'report.pdf', contentType: 'application/pdf' })).toBe('docx');
    expect(sniffDocumentType(utf8('\n<!DOCTYPE html><p>Hi</p>'), { filename: 'readme.md' })).toBe('html');
    expect(sniffDocumentType(utf8('<p>fragment</p>'), { filename: 'snippet.html' })).toBe('html');

    const markdown = utf8('# Title\n\nSome *text*.');
    expect(sniffDocumentType(markdown, { filename: 'FAQ.MD' })).toBe('markdown');
    expect(sniffDocumentType(markdown, { contentType: 'text/markdown; charset=utf-8' })).toBe('markdown');
    expect(sniffDocumentType(markdown, { filename: 'https://docs.acme.test/faq.md?v=2' })).toBe('markdown');
    expect(sniffDocumentType(markdown, { filename: 'notes.txt', contentType: 'text/markdown' })).toBe('text');
    expect(sniffDocumentType(markdown)).toBe('text');
    expect(sniffDocumentType(utf8('\ufeffPlain words'), { filename: 'photo.png' })).toBe('text');
    expect(sniffDocumentType(new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]))).toBe('text'); // UTF-16 with BOM
  });

  it('refuses images, non-DOCX archives, binaries, non-UTF-8 text and empty input, saying what it found', async () => {
    const refusals: [Uint8Array, RegExp][] = [
      [PNG, /Detected a PNG image/],
      [buildZip({ 'notes.txt': 'hello' }), /Detected a ZIP archive/],
      [buildZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }), /Excel workbook/],
      [
        new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
        /legacy Microsoft Office.*Save it as \.docx/,
      ],
      [new Uint8Array([0x01, 0x02, 0x00, 0x03, 0xc8, 0xc9, 0x00, 0xff]), /binary data of an unknown kind/],
      [new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x75, 0x76, 0x65, 0x72, 0x74]), /not UTF-8 encoded/],
      [utf8('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>Hi</text></svg>'), /SVG image/],
      [new Uint8Array(), /Detected an empty file/],
    ];
    for (const [bytes, message] of refusals) {
      const error = thrownBy(() => sniffDocumentType(bytes, { filename: 'upload.pdf' }));
      expect(error).toBeInstanceOf(UnsupportedDocumentError);
      expect(error).toMatchObject({ code: 'UNSUPPORTED_DOCUMENT', message: expect.stringMatching(message) });
      expect(error.message).toMatch(/supported are PDF, Word \(\.docx\), HTML, Markdown and plain text/);
      await expect(extractDocument(bytes)).rejects.toBeInstanceOf(UnsupportedDocumentError);
    }
  });

  it('takes text only without control characters other than tab, line breaks and form feed, allowing one stray in a thousand', async () => {
    const words = 'Orders placed before noon ship the same day.\t(see the table)\r\n\f';
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i % 7 === 0 ? 1 + (i % 8) : 0x41 + (i % 26)));
    for (const bytes of [junk, utf8(`Readme\n\nPlain words\u001b[0m and a bell\u0007.`), utf8('C1 \u0085 control')]) {
      const error = thrownBy(() => sniffDocumentType(bytes, { filename: 'notes.txt', contentType: 'text/plain' }));
      expect(error).toBeInstanceOf(UnsupportedDocumentError);
      expect(error.message).toMatch(/Detected binary data of an unknown kind/);
    }
    await expect(extractDocument(junk, { type: 'text' })).rejects.toThrow(/it holds control characters/);
    expect(sniffDocumentType(utf8(words), { filename: 'notes.txt' })).toBe('text');
    const logExcerpt = `${'A line of a pasted support transcript. '.repeat(60)}\u000b${'And more of it. '.repeat(10)}`;
    expect((await extractDocument(utf8(logExcerpt))).type).toBe('text');
  });

  it('reports damaged documents and documents without text as broken, naming the type', async () => {
    const pdf = buildPdf(refundPolicyPages);
    const goodDocx = buildDocx(docxDocumentXml(docxParagraph('Hello')));
    const broken: [() => Promise<unknown>, RegExp][] = [
      [
        () => extractDocument(pdf.slice(0, pdf.length / 2)),
        /could not be read as PDF: the file is damaged or truncated/,
      ],
      [
        () => extractDocument(buildDocx('<w:document><w:body><w:p><w:r><w:t>Hello')),
        /could not be read as Word document \(\.docx\): its text part \(word\/document\.xml\) is not valid XML/,
      ],
      [
        () => extractDocument(goodDocx.slice(0, goodDocx.length - 30), { filename: 'policy.docx' }),
        /could not be read as Word document \(\.docx\): the file is damaged or truncated/,
      ],
      [() => extractDocument(buildPdf([[]])), /could not be read as PDF: it contains no text \(a scanned PDF/],
      [
        () => extractDocument(utf8('<html><body><script>go()</script><img src="a.png"></body></html>')),
        /HTML.*no text/,
      ],
      [() => extractDocument(utf8(' \n\n\t \n')), /could not be read as plain text: it contains no text/],
      [() => extractDocument(PNG, { type: 'text' }), /could not be read as plain text: it is not UTF-8 text/],
      [() => extractDocument(utf8('just words'), { type: 'pdf' }), /could not be read as PDF/],
    ];
    for (const [extract, message] of broken) {
      const error = await extract().then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(BrokenDocumentError);
      expect(error).toMatchObject({ code: 'BROKEN_DOCUMENT', message: expect.stringMatching(message) });
    }
  });

  it('gives up quickly on garbage behind a PDF header instead of hanging', async () => {
    const started = Date.now();
    const garbage = new Uint8Array([...utf8('%PDF-1.7\n'), ...randomBytes(512 * 1024)]);
    await expect(extractDocument(garbage)).rejects.toBeInstanceOf(BrokenDocumentError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('extracts in a worker thread, refusing decompression bombs before a parser inflates them and stopping one that outgrows its memory', async () => {
    const limits = { maxExtractedBytes: 8 * 1024 * 1024, extractionMaxMemoryMb: 128 };
    const policy = await extractInWorker(buildPdf(refundPolicyPages), {}, limits);
    expect(policy).toMatchObject({ type: 'pdf', title: 'Refund Policy' });
    await expect(extractInWorker(utf8('# Hours\n\nOpen daily.'), { type: 'markdown' }, limits)).resolves.toMatchObject({
      blocks: [block(['Hours'], 'Open daily.')],
    });
    const bombs: [Uint8Array, RegExp][] = [
      [buildPdfBomb(16 * 1024 * 1024), /could not be read as PDF: it unpacks to more than 8 MB/],
      [buildPdfBomb(16 * 1024 * 1024, 2), /could not be read as PDF: it unpacks to more than 8 MB/],
      [buildDocxBomb(16 * 1024 * 1024), /could not be read as Word document \(\.docx\): it unpacks to more than 8 MB/],
    ];
    for (const [bytes, message] of bombs) {
      await expect(extractInWorker(bytes, {}, limits)).rejects.toThrow(message);
    }
    // Past the bomb check (a cap set too high), the thread is stopped once its buffers pass its memory limit.
    const roomy = { maxExtractedBytes: 1024 * 1024 * 1024, extractionMaxMemoryMb: 48 };
    await expect(extractInWorker(buildPdfBomb(128 * 1024 * 1024), {}, roomy)).rejects.toThrow(
      /could not be read as PDF: reading it needs more than 48 MB/,
    );
    await expect(extractInWorker(PNG, {}, limits)).rejects.toBeInstanceOf(UnsupportedDocumentError);
    await expect(extractInWorker(buildPdf([[]]), {}, limits)).rejects.toBeInstanceOf(BrokenDocumentError);
  });
});
