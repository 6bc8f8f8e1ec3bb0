// The engine's faster paths (D113) against the definitions they replace, on random inputs and on the boundaries:
// values exactly at a threshold, 1e-12 either side of it, exactly half a unit of the 4th and 10th decimal, negatives.
import { cvDecimal, cvFigures, cvWithin, weightedCv, type CvPoint } from '../../../src/compliance/cv';
import { q, Rational } from '../../../src/compliance/exact';
import { evidence, exactText, EXACT_DECIMALS, lazyEvidence, mergeSources, REPORT_DECIMALS, shown } from '../../../src/compliance/result';
import { shownNumber } from '../../../src/messages/figures';
import { teacherAggregates } from '../../../src/compliance/evaluation.service';
import { Rng } from '../../../seeds/generator/random';

/** toDecimal as it was written before (through Rational arithmetic), the reference for `scaled`. */
function referenceDecimal(x: Rational, places: number, mode: 'floor' | 'ceil' | 'half'): string {
  const scaled = x.mul(10n ** BigInt(places));
  let k: bigint;
  if (scaled.n % scaled.d === 0n) k = scaled.n / scaled.d;
  else if (mode === 'floor') k = scaled.floor();
  else if (mode === 'ceil') k = scaled.ceil();
  else k = x.sign() < 0 ? -scaled.neg().add(Rational.fraction(1n, 2n)).floor() : scaled.add(Rational.fraction(1n, 2n)).floor();
  const neg = k < 0n;
  const digits = (neg ? -k : k).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  const frac = places > 0 ? digits.slice(digits.length - places).replace(/0+$/, '') : '';
  const out = frac ? `${int}.${frac}` : int;
  return neg && out !== '0' ? `-${out}` : out;
}

/** `shown` as it was defined before: the 10-place exact text, parsed back by the display rule. */
function referenceShown(x: Rational, ...against: Rational[]): number | null {
  const exact = referenceDecimal(x, EXACT_DECIMALS, against[0] ? (x.lt(against[0]) ? 'floor' : 'ceil') : 'half');
  return shownNumber(exact, against.map((a) => referenceDecimal(a, EXACT_DECIMALS, 'half')), REPORT_DECIMALS);
}

const THRESHOLDS = ['4.2', '0.85', '1', '4.5', '5.3', '2000', '0.65', '0.5', '1.8', '0.9'].map(q);
const EPS = Rational.fraction(1n, 10n ** 12n);

/** Values near each threshold and near the rounding boundaries, and random ratios as the R indicators make them. */
function values(rng: Rng): Rational[] {
  const out: Rational[] = [];
  for (const t of THRESHOLDS) {
    out.push(t, t.add(EPS), t.sub(EPS), t.add(Rational.fraction(5n, 100000n)), t.sub(Rational.fraction(5n, 100000n)),
      t.add(Rational.fraction(5n, 10n ** 11n)), t.sub(Rational.fraction(5n, 10n ** 11n)), t.neg(), t.mul(q('0.85')), t.mul(q('0.85')).sub(EPS));
  }
  for (let i = 0; i < 600; i++) {
    const amount = BigInt(Math.floor(rng.next() * 1e9)); // e.g. yuan or m², two decimals
    const students = BigInt(1 + Math.floor(rng.next() * 3000));
    const per = rng.next() < 0.5 ? 100n : 1n;
    out.push(Rational.fraction(amount * per, 100n * students));
    out.push(Rational.fraction(BigInt(Math.floor(rng.next() * 400)) * per, students)); // teachers per 100 students
  }
  out.push(Rational.ZERO, Rational.fraction(-1n, 3n), Rational.fraction(2n, 3n), Rational.fraction(10n ** 20n + 1n, 7n));
  return out;
}

describe('fast paths agree with the exact definitions they replace', () => {
  const rng = new Rng('fast-paths');
  const xs = values(rng);

  test('Rational.scaled / toDecimal: one division, the same digits in every mode', () => {
    for (const x of xs) {
      for (const mode of ['floor', 'ceil', 'half'] as const) {
        for (const places of [0, 4, 10]) expect(x.toDecimal(places, mode)).toBe(referenceDecimal(x, places, mode));
      }
    }
  });

  test('shown (on scaled integers) is the display rule applied to the exact text', () => {
    let compared = 0;
    for (const x of xs) {
      for (const t of THRESHOLDS) {
        expect(shown(x, t)).toBe(referenceShown(x, t));
        expect(exactText(x, t)).toBe(referenceDecimal(x, EXACT_DECIMALS, x.lt(t) ? 'floor' : 'ceil'));
        // a ratio to its threshold against 1 and the school rule's 85%, as `judged` shows it
        const ratio = x.div(t);
        expect(shown(ratio, Rational.ONE, q('0.85'))).toBe(referenceShown(ratio, Rational.ONE, q('0.85')));
        compared += 3;
      }
      expect(shown(x)).toBe(referenceShown(x));
    }
    expect(compared).toBeGreaterThan(30_000);
  });

  test('at, and 1e-12 around, a threshold the shown value keeps its side', () => {
    const t = q('4.2');
    expect(shown(t, t)).toBe(4.2);
    expect(shown(t.sub(EPS), t)).toBe(4.1999999999); // 10 places rounded away from 4.2, never 4.2 (that would read as met)
    expect(shown(t.add(EPS), t)).toBe(4.2000000001);
    expect(shown(q('0.85').sub(EPS), Rational.ONE, q('0.85'))).toBe(0.8499999999); // a share just under the rule's 85%
  });

  test('cvFigures gives what weightedCv, cvWithin and cvDecimal give separately', () => {
    for (let i = 0; i < 60; i++) {
      const n = 1 + Math.floor(rng.next() * 40);
      const pts: CvPoint[] = Array.from({ length: n }, () => ({
        value: Rational.fraction(BigInt(Math.floor(rng.next() * 1e6)), BigInt(1 + Math.floor(rng.next() * 2000))),
        students: Math.floor(rng.next() * 1500),
      }));
      for (const limit of [0.5, 0.45, 0.65, 0.55]) {
        const f = cvFigures(pts, limit);
        expect(f.cv).toEqual(weightedCv(pts));
        expect(f.within).toBe(cvWithin(pts, limit));
        expect(f.decimal).toBe(cvDecimal(pts, limit));
      }
      expect(cvFigures(pts).decimal).toBe(cvDecimal(pts));
    }
  });
});

describe('lazy evidence reads as plain evidence', () => {
  const a = { dataset: 'schools', batchId: '1', department: null, fileName: null, rowKey: 'schools S1' };
  const b = { dataset: 'school_stats', batchId: '2', department: null, fileName: null, rowKey: 'school_stats S1/2024/primary' };

  test('JSON, Object.values, spreads and equality see inputs and merged sources', () => {
    const ev = evidence({ students: 500 }, [a, b], [a]);
    const plain = { inputs: { students: 500 }, sources: mergeSources([a, b], [a]) };
    expect(ev).toEqual(plain);
    expect(JSON.parse(JSON.stringify(ev))).toEqual(plain);
    expect(Object.values(ev)).toEqual([plain.inputs, plain.sources]);
    expect({ ...ev }).toEqual(plain);
    expect(Object.assign({}, ev)).toEqual(plain);
  });

  test('each part is built once, when first read, and can be replaced', () => {
    let built = 0;
    const ev = lazyEvidence(() => ({ n: ++built }), () => [a]);
    expect(built).toBe(0);
    expect(ev.inputs).toEqual({ n: 1 });
    expect(ev.inputs).toBe(ev.inputs);
    expect(built).toBe(1);
    ev.sources = [b];
    expect(ev.sources).toEqual([b]);
  });
});

describe('evidence of a few sources, merged at once (D119)', () => {
  test('the same list as mergeSources, by identity or by value, in first-seen order, on both sides of the threshold', () => {
    const rng = new Rng(119);
    const pool = Array.from({ length: 6 }, (_, i) => ({
      dataset: i % 2 ? 'schools' : 'school_stats', batchId: i % 3 ? String(i % 3) : null, department: null, fileName: i === 4 ? 'null' : null, rowKey: `k${i % 4}`,
    }));
    for (let round = 0; round < 2000; round++) {
      const lists = Array.from({ length: rng.int(0, 3) }, () =>
        rng.int(0, 4) === 0 ? null : Array.from({ length: rng.int(0, 5) }, () => { const s = pool[rng.int(0, pool.length - 1)]!; return rng.int(0, 2) ? s : { ...s }; }));
      const ev = evidence({ round }, ...lists);
      expect(ev.sources).toEqual(mergeSources(...lists));
      expect(JSON.stringify(ev)).toBe(JSON.stringify({ inputs: { round }, sources: mergeSources(...lists) }));
    }
  });
});

describe('teacher figures from one statement (D119)', () => {
  test('rows per school, stage and delivery add up to the per-stage and per-school aggregates the two statements gave', () => {
    const row = (school: string, stage: string, batch: string, n: number, pay: string) => ({
      district_code: 'D', school_code: school, stage, batch_id: batch, total: n, above: n - 1, backbone: 1, pe_arts: 2, full_time: n - 2,
      pay_total: pay, trained: 3, certified_full_time: 4, eligible: 5, rotated: 2, rotated_backbone: 1,
    });
    const { countOf, teachersOf } = teacherAggregates([
      row('S1', 'primary', '9', 10, '1000.50'), row('S1', 'junior', '10', 20, '2000.55'), row('S1', 'primary', '10', 5, '0.05'),
      row('S2', 'junior', '7', 3, '300.00'),
    ]);
    expect(countOf.get('S1/primary')).toEqual({ total: 15, above: 13, backbone: 2, pe_arts: 4, batch_ids: ['10', '9'] });
    expect(countOf.get('S1/junior')).toEqual({ total: 20, above: 19, backbone: 1, pe_arts: 2, batch_ids: ['10'] });
    expect(teachersOf.get('S1')).toEqual({
      teachers: 35, full_time: 29, pay_total: '3001.10', trained: 9, certified_full_time: 12, eligible: 15, rotated: 6, rotated_backbone: 3, batch_ids: ['10', '9'],
    });
    expect(teachersOf.get('S2')).toMatchObject({ teachers: 3, pay_total: '300.00', batch_ids: ['7'] });
    expect(teachersOf.has('S3')).toBe(false);
  });
});
