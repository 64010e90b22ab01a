/**
 * The bridge benchmark's model: the Realtime simulator in a process of its own, timing each voiced
 * frame it hears (load generator → bridge → here) and stamping each chunk of reply audio it sends,
 * so the load generator can time the way back. Driven by the orchestrator over IPC.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startRealtimeSimulator } from '../../scripts/simulators/realtime.ts';
import { simulatorTls } from '../../scripts/simulators/tls.ts';
import { callerFrameSentAt, type ModelCommand, type ModelReport, monotonicMs, stampReplyChunk } from './protocol.ts';

let window = { from: Number.POSITIVE_INFINITY, to: Number.NEGATIVE_INFINITY };
let inbound: number[] = [];
let turnStarts: number[] = [];
let stampedHeard = 0;
/** Sessions whose last frame heard was silence: their next voiced frame starts a turn. */
const quiet = new WeakSet<object>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

const tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
const simulator = await startRealtimeSimulator({
  tls,
  keepLog: false,
  probe: {
    heard(frame, session) {
      const sentAt = callerFrameSentAt(frame);
      if (sentAt === undefined) {
        quiet.add(session);
        return;
      }
      if (sentAt < window.from || sentAt >= window.to) {
        quiet.delete(session);
        return;
      }
      const latency = monotonicMs() - sentAt;
      stampedHeard += 1;
      inbound.push(latency);
      if (quiet.delete(session)) turnStarts.push(latency);
    },
    speaking(delta, _session, turnEndedAt) {
      stampReplyChunk(delta, monotonicMs(), turnEndedAt === undefined ? undefined : performance.now() - turnEndedAt);
    },
  },
});

process.on('message', (command: ModelCommand) => {
  switch (command.type) {
    case 'window':
      window = { from: command.from, to: command.to };
      inbound = [];
      turnStarts = [];
      stampedHeard = 0;
      loopDelay.reset();
      loopDelay.enable();
      return;
    case 'report': {
      loopDelay.disable();
      const report: ModelReport = {
        type: 'report',
        stampedHeard,
        inbound,
        turnStarts,
        loopDelayP99: loopDelay.percentile(99) / 1e6,
        loopDelayMax: loopDelay.max / 1e6,
      };
      process.send?.(report);
      return;
    }
    case 'sessions':
      process.send?.({
        type: 'sessions',
        open: simulator.sessions.filter((s) => !s.closed).length,
        total: simulator.sessions.length,
      });
      return;
  }
});
process.send?.({ type: 'ready', baseUrl: simulator.baseUrl, certPath: tls.certPath });
