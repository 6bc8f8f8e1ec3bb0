import { evaluateDistrict } from '../../../src/compliance';
import { batchesOf, diffEvaluations } from '../../../src/compliance/diff';
import { district, school, src, stage } from './fixtures';

/** The diff between two evaluations (dossier and today, or two dossiers), on hand-built facts. */
const delivered = (batchId: string, dataset: string, rowKey: string) => ({ ...src(dataset, rowKey), batchId });

test('the same evaluation twice differs in nothing', () => {
  const e = evaluateDistrict(district());
  const d = diffEvaluations(e, e);
  expect(d).toEqual({ verdictFrom: 'QUALIFIED', verdictTo: 'QUALIFIED', changes: [], blockersAdded: [], blockersRemoved: [], batchesAdded: [], batchesDropped: [] });
});

test('a re-delivered statistic: the school rule, the verdict and the blocker change, and the new batch is named', () => {
  const before = district();
  const after = district();
  // P1: sports area 1875 / 500 = 3.75 m² = 50% of 7.5, delivered by batch 9 → the school rule fails (6 of 7, under 85%).
  after.schools[0] = school('P1', { stages: [stage('primary', { sportsAreaM2: '1875', sources: [delivered('9', 'school_stats', 'P1/2024/primary')] })] });
  const d = diffEvaluations(evaluateDistrict(before), evaluateDistrict(after));
  expect(d.verdictFrom).toBe('QUALIFIED');
  expect(d.verdictTo).toBe('NOT_QUALIFIED');
  const rule = d.changes.find((c) => c.kind === 'SCHOOL_RULE');
  expect(rule).toEqual({
    kind: 'SCHOOL_RULE', code: null, stage: 'primary', schoolCode: 'P1', statusFrom: 'MET', statusTo: 'NOT_MET', valueFrom: '7', valueTo: '6', batchIds: ['9'],
  });
  expect(d.changes.find((c) => c.kind === 'SCHOOLS_MEETING_RULE')).toMatchObject({ stage: 'primary', valueFrom: '2', valueTo: '1', batchIds: ['9'] });
  // R5's CV moved (values 11 and 11 → 3.75 and 11), still within 0.50: a value change, status unchanged.
  expect(d.changes.find((c) => c.kind === 'SPREAD' && c.code === 'CV_R5')).toMatchObject({ statusFrom: 'MET', statusTo: 'MET', batchIds: ['9'] });
  expect(d.blockersAdded.map((b) => b.schoolCode)).toEqual(['P1']);
  expect(d.blockersRemoved).toEqual([]);
  expect(d.batchesAdded).toEqual(['9']);
  // Batch b1 still delivers every other figure: nothing was dropped.
  expect(d.batchesDropped).toEqual([]);
  // The other way round: the blocker is removed and the verdict returns.
  const back = diffEvaluations(evaluateDistrict(after), evaluateDistrict(before));
  expect(back).toMatchObject({ verdictFrom: 'NOT_QUALIFIED', verdictTo: 'QUALIFIED', batchesDropped: ['9'] });
  expect(back.blockersRemoved.map((b) => b.schoolCode)).toEqual(['P1']);
});

test('batchesOf collects every source under a figure, in any depth', () => {
  expect([...batchesOf({ a: [{ sources: [delivered('3', 'x', 'k'), delivered('12', 'y', 'k')] }], b: { evidence: { sources: [delivered('3', 'x', 'j')] } } })]).toEqual(['3', '12']);
});
