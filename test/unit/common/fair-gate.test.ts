import { FairGate } from '../../../src/common/fair-gate';

const tick = () => new Promise((r) => setImmediate(r));

/** Work that records when it ran and waits until released. */
function worker(log: string[]) {
  const releases = new Map<string, () => void>();
  return {
    job: (name: string) => async () => {
      log.push(`start ${name}`);
      await new Promise<void>((r) => releases.set(name, r));
      log.push(`end ${name}`);
    },
    release: async (name: string) => {
      for (let i = 0; i < 20 && !releases.has(name); i++) await tick();
      releases.get(name)!();
      await tick();
    },
  };
}

describe('FairGate', () => {
  test('one owner at a time: the next starts only when the first is done', async () => {
    const gate = new FairGate();
    const log: string[] = [];
    const w = worker(log);
    const a = gate.run('r1|2023', 'r1', w.job('a'));
    const b = gate.run('r2|2023', 'r2', w.job('b'));
    await tick();
    expect(log).toEqual(['start a']);
    await w.release('a');
    await w.release('b');
    await Promise.all([a, b]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  test('an owner re-enters while it holds the gate (no deadlock), and its waiting peers come in together', async () => {
    const gate = new FairGate();
    const log: string[] = [];
    const w = worker(log);
    const outer = gate.run('r1|2024', 'r1', async () => {
      log.push('outer');
      await gate.run('r1|2024', 'r1', async () => void log.push('inner'));
    });
    await outer;
    const hold = gate.run('r2|2024', 'r2', w.job('hold'));
    const p1 = gate.run('r1|2024', 'r1', w.job('x'));
    const p2 = gate.run('r1|2024', 'r1', w.job('y'));
    await tick();
    await w.release('hold');
    await tick();
    expect(log.slice(-3)).toEqual(['end hold', 'start x', 'start y']);
    await w.release('x');
    await w.release('y');
    await Promise.all([hold, p1, p2]);
    expect(log.slice(0, 2)).toEqual(['outer', 'inner']);
  });

  test('fair between parties: a request that queued twenty years does not make another wait behind all of them', async () => {
    const gate = new FairGate();
    const log: string[] = [];
    const w = worker(log);
    const greedy = Array.from({ length: 5 }, (_, i) => gate.run(`g|${2020 + i}`, 'g', w.job(`g${2020 + i}`)));
    await tick();
    const polite = gate.run('p|2024', 'p', w.job('p2024'));
    await w.release('g2020');
    expect(log).toContain('start p2024');
    expect(log).not.toContain('start g2021');
    await w.release('p2024');
    for (const y of [2021, 2022, 2023, 2024]) await w.release(`g${y}`);
    await Promise.all([...greedy, polite]);
    expect(gate.queued).toBe(0);
  });

  test('a failure frees the gate', async () => {
    const gate = new FairGate();
    await expect(gate.run('a', 'a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(gate.run('b', 'b', async () => 42)).resolves.toBe(42);
  });
});
