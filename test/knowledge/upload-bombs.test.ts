import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Orm, openOrm } from '../../db/orm.ts';
import { buildDocxBomb, buildPdf, buildPdfBomb } from '../fixtures/knowledge/builders.ts';
import { TEST_DATABASE_URL, testEnv } from '../support/env.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * Decompression bombs uploaded through the GraphQL multipart API, against a real gateway process
 * whose resident memory is read from /proc while it refuses them.
 */
const BOMB_BYTES = 200 * 1024 * 1024;
/** How much the gateway's resident memory may grow while it refuses a bomb. */
const RSS_BOUND_MB = 100;

let orm: Orm;
let gateway: RunningProcess;
let gatewayUrl: string;
let tenant: Tenant;
let token: string;

beforeAll(async () => {
  orm = await openOrm(TEST_DATABASE_URL, 2);
  gateway = startProcess('gateway/server.ts', testEnv());
  gatewayUrl = String((await gateway.waitForLog('gateway listening')).url);
  tenant = await createTenant(orm, 'Bombs');
  token = (await login(gatewayUrl, tenant.emails.admin)).accessToken;
});

afterAll(async () => {
  await gateway?.stop();
  await orm?.close();
});

const residentMb = () => {
  const status = readFileSync(`/proc/${gateway.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
};

async function upload(bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.set(
    'operations',
    JSON.stringify({
      query: `mutation ($b: ID!, $file: File!) { uploadKnowledgeDocument(businessId: $b, file: $file) {
        __typename ... on ValidationError { fieldErrors { field message } } } }`,
      variables: { b: tenant.businessId, file: null },
    }),
  );
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return (await response.json()).data?.uploadKnowledgeDocument;
}

/** Uploads a file while sampling the gateway's memory; answers the result, the time taken and the peak growth. */
async function uploadMeasured(bytes: Uint8Array, name: string) {
  const before = residentMb();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentMb());
  }, 10);
  const started = Date.now();
  try {
    const result = await upload(bytes, name);
    return { result, ms: Date.now() - started, growthMb: Math.max(peak, residentMb()) - before };
  } finally {
    clearInterval(sampler);
  }
}

describe('uploading decompression bombs', () => {
  it('refuses a PDF with a 200 MB Flate stream and a DOCX with a 200 MB document.xml, quickly and in bounded memory', async () => {
    const bombs = [
      [buildPdfBomb(BOMB_BYTES), 'bomb.pdf', 'PDF'],
      [buildDocxBomb(BOMB_BYTES), 'bomb.docx', 'Word document \\(\\.docx\\)'],
    ] as const;
    // A truncated PDF is read (and refused) once first, so the measurement below sees no first-use costs.
    const pdf = buildPdf([[{ text: 'Warm-up page', size: 12, y: 700 }]]);
    expect((await upload(pdf.subarray(0, pdf.length / 2), 'warm-up.pdf')).__typename).toBe('ValidationError');

    for (const [bytes, name, type] of bombs) {
      expect(bytes.length).toBeLessThan(300_000);
      const { result, ms, growthMb } = await uploadMeasured(bytes, name);
      expect(result).toEqual({
        __typename: 'ValidationError',
        fieldErrors: [
          {
            field: 'file',
            message: expect.stringMatching(new RegExp(`could not be read as ${type}: it unpacks to more than 64 MB`)),
          },
        ],
      });
      process.stdout.write(`${name}: refused in ${ms} ms, gateway RSS grew by ${growthMb.toFixed(1)} MB\n`);
      expect(ms).toBeLessThan(5_000);
      expect(growthMb).toBeLessThan(RSS_BOUND_MB);
    }
  });
});
