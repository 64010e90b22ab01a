/**
 * Signed downloads: `/downloads/exports/<id>` streams an export's file chunk by chunk, and
 * `/downloads/calls/<id>/transcript.<txt|json|pdf>` renders one call's transcript. The link's token
 * (lib/download-token.ts) is the credential, so a browser can follow it without the bearer token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DataExport } from '../db/entities/index.ts';
import { readChunks } from '../db/exports.ts';
import type { Orm } from '../db/orm.ts';
import { verifyDownloadToken } from '../lib/download-token.ts';
import { createPdf, finish, heading, paragraph } from '../lib/pdf.ts';

export const DOWNLOADS_PATH_PREFIX = '/downloads/';

const EXPORT_PATH = /^\/downloads\/exports\/([0-9a-f-]{36})$/;
const TRANSCRIPT_PATH = /^\/downloads\/calls\/([0-9a-f-]{36})\/transcript\.(txt|json|pdf)$/;

interface TranscriptCall {
  id: string;
  direction: string;
  status: string;
  from_number: string;
  to_number: string;
  created_at: Date;
  business: string;
}
interface SpokenLine {
  sequence: number;
  speaker: string;
  text: string;
  start_ms: number | null;
}

const EXPORT_CONTENT_TYPES = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8', json: 'application/json' };

const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`;

export function createDownloads({ orm, jwtSecret }: { orm: Orm; jwtSecret: string }) {
  const refuse = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(message);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const resource = await verifyDownloadToken(jwtSecret, url.searchParams.get('token') ?? '');
    const exportId = EXPORT_PATH.exec(url.pathname)?.[1];
    const transcript = TRANSCRIPT_PATH.exec(url.pathname);
    const expected = exportId
      ? `export:${exportId}`
      : transcript
        ? `transcript:${transcript[1]}:${transcript[2]}`
        : undefined;
    if (!expected) return refuse(res, 404, 'Not found.');
    if (resource !== expected) return refuse(res, 403, 'This link is not valid or has expired.');
    const em = orm.em.fork();

    if (exportId) {
      const record = await em.findOne(DataExport, exportId);
      if (record?.status !== 'completed') return refuse(res, 410, 'This export is not available.');
      res.writeHead(200, {
        'content-type': EXPORT_CONTENT_TYPES[record.format],
        'content-length': String(record.bytes),
        'content-disposition': attachment(record.fileName),
      });
      // One chunk in memory at a time, and none read ahead of a slow client.
      for await (const chunk of readChunks(em, exportId)) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
      return;
    }

    const [callId, format] = [transcript![1] as string, transcript![2] as 'txt' | 'json' | 'pdf'];
    const { call, lines } = await loadTranscript(em, callId);
    if (!call) return refuse(res, 404, 'Not found.');
    const body = await renderTranscript(call, lines, format);
    res.writeHead(200, {
      'content-type': { txt: 'text/plain; charset=utf-8', json: 'application/json', pdf: 'application/pdf' }[format],
      'content-disposition': attachment(`transcript-${callId}.${format}`),
    });
    res.end(body);
  };
}

async function loadTranscript(em: EntityManager, callId: string) {
  const [call] = await em.execute<TranscriptCall[]>(
    `select c.id, c.direction, c.status, c.from_number, c.to_number, c.created_at, b.name as business
     from call c join business_config b on b.id = c.business_id where c.id = ?`,
    [callId],
  );
  const lines = call
    ? await em.execute<SpokenLine[]>(
        'select sequence, speaker, text, start_ms from call_interaction where call_id = ? order by sequence',
        [callId],
      )
    : [];
  return { call, lines };
}

const clock = (ms: number | null) => {
  if (ms === null) return '--:--';
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
};

async function renderTranscript(call: TranscriptCall, lines: SpokenLine[], format: 'txt' | 'json' | 'pdf') {
  const title = `Call ${call.id} · ${call.business} · ${call.direction} ${call.from_number} → ${call.to_number}`;
  const started = new Date(call.created_at).toISOString();
  if (format === 'json') {
    return JSON.stringify({
      call: { ...call, created_at: started },
      lines: lines.map((l) => ({ sequence: l.sequence, speaker: l.speaker, startMs: l.start_ms, text: l.text })),
    });
  }
  const spoken = lines.map((l) => `[${clock(l.start_ms)}] ${l.speaker}: ${l.text}`);
  if (format === 'txt') return [title, `Started ${started} · ${call.status}`, '', ...spoken, ''].join('\n');
  const doc = createPdf(`Transcript of call ${call.id}`);
  heading(doc, 'Transcript');
  paragraph(doc, `${title}\nStarted ${started} · ${call.status}`);
  doc.moveDown();
  for (const line of spoken) paragraph(doc, line);
  return finish(doc);
}
