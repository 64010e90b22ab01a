/**
 * npm run bench:drill — the failure drill at size: N simulated calls (default 20) through a gateway,
 * a worker and one bridge, each its own process; kill -9 of the worker at 5 s, the bridge at 10 s
 * and the gateway at 20 s, each started again; then how every call ended, whether each line was
 * stored and published once, what a supervisor following the calls received, and how long calls
 * stalled after the worker was killed.
 *
 *   --calls N      calls to place (default 20)
 */
import { parseArgs } from 'node:util';
import { runDrill } from '../test/support/drill.ts';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20' } } });
const started = Date.now();
const report = await runDrill({
  calls: Number(values.calls),
  placeOverMs: 3_000,
  kills: [
    { process: 'worker', atMs: 5_000, downMs: 500 },
    { process: 'bridge', atMs: 10_000, downMs: 2_000 },
    { process: 'gateway', atMs: 20_000, downMs: 1_000 },
  ],
  log: (line) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${line}`),
});
const count = (test: (c: (typeof report.calls)[number]) => boolean) => report.calls.filter(test).length;
const n = report.calls.length;
console.log(`
| calls | ended completed | caller heard out (3 lines) | lines numbered once | published once | missed live | duplicated live |
| ----- | --------------- | -------------------------- | ------------------- | -------------- | ----------- | --------------- |
| ${n} | ${count((c) => c.status === 'completed')} | ${count((c) => c.whole)} | ${count((c) => c.numberedOnce)} | ${count((c) => c.publishedOnce)} | ${report.calls.reduce((s, c) => s + c.missedLive, 0)} | ${report.calls.reduce((s, c) => s + c.duplicatedLive, 0)} |

end reasons: ${JSON.stringify(Object.fromEntries([...new Set(report.calls.map((c) => c.endReason))].map((r) => [r, count((c) => c.endReason === r)])))}
stall after the worker kill (kill → first transcript line a workflow stored): ${report.workerStallMs ?? 'n/a'} ms, of which ${report.workerRestartMs ?? 'n/a'} ms for the new worker to start
${report.calls
  .filter((c) => !c.whole)
  .map((c) => `not heard out: ${c.id}: unheard ${JSON.stringify(c.unheard)}, ${c.storedLines} lines stored`)
  .join('\n')}
`);
process.exit(0);
