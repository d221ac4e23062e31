// The generic sentence under each step: true of the event it explains.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { findLesson } from '../../src/scenarios/index.js';
import { explainEvent } from '../../src/ui/explain.js';
import { describe as describeEvent, newDescribeState } from '../../src/views/describe.js';

const at = (e: Record<string, unknown>) => ({ t: 0, thread: 'MainThread', ...e }) as TraceEvent;

describe('explainEvent', () => {
  it('does not say a Handle stays and is skipped when sleep() cancels its own timer after it ran', () => {
    const { events } = findLesson('call-soon')!.run({ asWritten: false, debug: false, interrupts: [], until: 5 });
    const cancels = events.filter((e) => e.type === 'handle_cancelled');
    expect(cancels.length).toBeGreaterThan(0);
    for (const e of cancels) {
      expect(e).toMatchObject({ ran: true });
      expect(explainEvent(e, 'en')).not.toMatch(/stays where it is/);
      expect(explainEvent(e, 'en')).toMatch(/already run/);
    }
  });

  it('says a Handle still waiting stays where it is', () => {
    expect(explainEvent(at({ type: 'handle_cancelled', loop: 1, handle: 2 }), 'en')).toMatch(/stays where it is/);
  });

  it('writes durations and deadlines as the lab shows times, not as float reprs', () => {
    const wait = explainEvent(at({ type: 'select_wait', loop: 1, timeout: 0.09999999999999998 }), 'en');
    expect(wait).toContain('due in 0.100 s');
    expect(wait).not.toContain('0.0999');
    const pushed = explainEvent(at({ type: 'handle_scheduled', loop: 1, handle: 1, kind: 'TimerHandle', when: 0.30000000000000004, callback: 'f()' }), 'en');
    expect(pushed).toContain('deadline 0.300');
  });

  it('names the status a shell sees: 130 for death by SIGINT (the trace carries -2, as subprocess does)', () => {
    const exit = at({ type: 'exit', status: -2 });
    expect(explainEvent(exit, 'en')).toMatch(/shell sees status 130/);
    expect(explainEvent(exit, 'en')).not.toContain('-2');
    expect(describeEvent(exit, newDescribeState(), 'en', 'full')).toBe('process killed by SIGINT, shell status 130');
    expect(explainEvent(at({ type: 'exit', status: 1 }), 'en')).toBe('The process exits with status 1.');
  });
});
