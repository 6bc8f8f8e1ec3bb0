/** Builders for indicator results, evidence and shortfalls, shared by every indicator. */
import { msg } from '../messages';
import { decimalDigits, Rational, type RationalLike } from './exact';
import type { IndicatorDef } from './standards';
import type { Evidence, IndicatorResult, Message, Shortfall, SourceRef } from './types';

/** Values are reported rounded to this many decimals; decisions are made on the exact values. */
export const REPORT_DECIMALS = 4;

export function report(x: Rational | null): number | null {
  return x === null ? null : x.toFixedNumber(REPORT_DECIMALS);
}

/** Decimals of an exact figure whose fraction does not end (e.g. 700/3): more than any display needs, and the most the Decimal scalar carries. */
export const EXACT_DECIMALS = 10;

/**
 * The exact figure as a decimal string (the `Decimal` the API exposes beside the rounded float): every digit when
 * the fraction ends within EXACT_DECIMALS places, else EXACT_DECIMALS places rounded away from `against`, so the
 * string lies on the same side of the threshold as the exact value (a repeating fraction never equals one).
 */
export function exactText(x: Rational | null, against?: Rational | null): string | null {
  if (x === null) return null;
  return decimalDigits(exactScaled(x, against ?? null), EXACT_DECIMALS);
}

/**
 * exactText as an integer scaled by 10^EXACT_DECIMALS. An indicator asks for the same figure against the same
 * threshold three times (its value, its exact value, its message), and thresholds are a few constants asked ~10⁵
 * times in a cold city evaluation: the last figure (by identity; Rationals are immutable) and each Rational's own
 * plain text are remembered.
 */
function exactScaled(x: Rational, against: Rational | null): bigint {
  if (against === null) return x.scaledHalf(EXACT_DECIMALS);
  if (x === last.x && against === last.against) return last.q;
  const q = x.scaled(EXACT_DECIMALS, x.lt(against) ? 'floor' : 'ceil');
  last = { x, against, q };
  return q;
}
let last: { x: Rational | null; against: Rational | null; q: bigint } = { x: null, against: null, q: 0n };

const TWO_POW_53 = 2n ** 53n;
const SHOWN_SCALE: readonly bigint[] = Array.from({ length: EXACT_DECIMALS + 1 }, (_, i) => 10n ** BigInt(i));

/**
 * The float shown for an exact figure judged against thresholds (the one display rule, messages/figures.ts). The same
 * rule as `shownNumber(exactText(x, against[0]), against as exact decimals)`, computed on the scaled integers instead
 * of parsing the strings back: round the 10-place figure half away from zero to 4 places, then to more while the
 * rounded figure compares with a threshold otherwise than the 10-place one does (places ≥ the figure's own digits
 * always compare alike, so the loop ends by 10).
 */
export function shown(x: Rational | null, ...against: (Rational | null | undefined)[]): number | null {
  if (x === null) return null;
  const v = exactScaled(x, against[0] ?? null);
  const marks: bigint[] = [];
  for (const a of against) if (a) marks.push(exactScaled(a, null));
  const sideOf = marks.map((t) => (v < t ? -1 : v > t ? 1 : 0));
  for (let places = REPORT_DECIMALS; ; places += 1) {
    const unit = SHOWN_SCALE[EXACT_DECIMALS - places]!;
    let k = v / unit; // toward zero
    const r = v - k * unit;
    const twice = r < 0n ? -2n * r : 2n * r;
    if (twice >= unit) k += r < 0n ? -1n : 1n; // half away from zero
    const rounded = k * unit;
    if (places >= EXACT_DECIMALS || marks.every((t, i) => (rounded < t ? -1 : rounded > t ? 1 : 0) === sideOf[i])) {
      // k / 10^places: both exact doubles below 2^53, so the quotient is the double nearest the decimal, as Number(text) is.
      const ak = k < 0n ? -k : k;
      return ak < TWO_POW_53 ? Number(k) / Number(SHOWN_SCALE[places]!) : Number(decimalDigits(k, places));
    }
  }
}

/** A double (e.g. a CV, which is a square root) rounded for reporting. */
export function reportDouble(x: number): number {
  const scale = 10 ** REPORT_DECIMALS;
  return Math.round(x * scale) / scale;
}

/**
 * The key of an aggregate of teacher_postings rows, in no language (it reaches readers of both): every posting under
 * a key prefix and how many, e.g. `teacher_postings C03P3/2024/primary/* ×30` (a school's stage) or
 * `teacher_postings C03/2024/* ×150` (a district).
 */
export function aggregateKey(prefix: string, rows: number): string {
  return `teacher_postings ${prefix}/* ×${rows}`;
}

/** Union of source lists, keeping first-seen order and dropping duplicates (the same row, by value). */
export function mergeSources(...lists: readonly (readonly SourceRef[] | null | undefined)[]): SourceRef[] {
  const seenObjects = new Set<SourceRef>();
  const seenKeys = new Set<string>();
  const out: SourceRef[] = [];
  for (const l of lists) {
    if (!l) continue;
    for (const s of l) {
      // The facts give each row one object: identity settles most repeats before a key is built.
      if (seenObjects.has(s)) continue;
      seenObjects.add(s);
      const key = `${s.dataset}\u0000${s.batchId}\u0000${s.department}\u0000${s.fileName}\u0000${s.rowKey}`;
      if (seenKeys.has(key)) continue;
      seenKeys.add(key);
      out.push(s);
    }
  }
  return out;
}

/**
 * Evidence whose sources are merged when first read, not when the indicator is judged: a cold city evaluation builds
 * ~50,000 of them and most requests select none (merging them all eagerly was ~10 % of its CPU and much of its
 * garbage). An own enumerable accessor, so JSON, spreads and Object.assign see a plain `sources` array.
 */
export function evidence(inputs: Evidence['inputs'], ...sources: readonly (readonly SourceRef[] | null | undefined)[]): Evidence {
  let n = 0;
  for (const l of sources) if (l) n += l.length;
  // A school's own few sources (an R indicator's: the school row, its statistics row and its postings' deliveries):
  // merged now by a scan, cheaper than the lazy accessors (~2–5 µs an object) and with the same plain shape.
  if (n <= SMALL_MERGE) return { inputs, sources: mergeFew(sources) };
  return lazyEvidence(() => inputs, () => mergeSources(...sources));
}

const SMALL_MERGE = 8;

/** mergeSources of a few sources: the same list (first-seen order, the same row by identity or by value once). */
function mergeFew(lists: readonly (readonly SourceRef[] | null | undefined)[]): SourceRef[] {
  const out: SourceRef[] = [];
  for (const l of lists) {
    if (!l) continue;
    for (const s of l) {
      let seen = false;
      for (const o of out) {
        // The same key as mergeSources' (its fields as text: null and "null" alike).
        if (o === s || (o.dataset === s.dataset && o.rowKey === s.rowKey && `${o.batchId}` === `${s.batchId}` && `${o.department}` === `${s.department}` && `${o.fileName}` === `${s.fileName}`)) {
          seen = true;
          break;
        }
      }
      if (!seen) out.push(s);
    }
  }
  return out;
}

/** Evidence with both parts computed when first read (and kept). */
export function lazyEvidence(inputs: () => Evidence['inputs'], sources: () => SourceRef[]): Evidence {
  const ev = {} as Evidence;
  const state: LazyState = { makeInputs: inputs, makeSources: sources, inputs: undefined, sources: undefined };
  Object.defineProperty(ev, LAZY, { value: state }); // not enumerable: JSON, Object.values and equality skip it
  return Object.defineProperties(ev, LAZY_PARTS);
}

interface LazyState {
  makeInputs: () => Evidence['inputs']; makeSources: () => SourceRef[];
  inputs: Evidence['inputs'] | undefined; sources: SourceRef[] | undefined;
}
const LAZY = Symbol('lazyEvidence');
// One pair of accessor functions for every evidence: closures per object (a getter in each literal) gave each its own
// hidden class, ~13 µs an evidence.
const LAZY_PARTS: PropertyDescriptorMap = {
  inputs: {
    enumerable: true, configurable: true,
    get(this: { [LAZY]: LazyState }) { const s = this[LAZY]; return (s.inputs ??= s.makeInputs()); },
    set(this: { [LAZY]: LazyState }, v: Evidence['inputs']) { this[LAZY].inputs = v; },
  },
  sources: {
    enumerable: true, configurable: true,
    get(this: { [LAZY]: LazyState }) { const s = this[LAZY]; return (s.sources ??= s.makeSources()); },
    set(this: { [LAZY]: LazyState }, v: SourceRef[]) { this[LAZY].sources = v; },
  },
};

/**
 * A judged indicator's result, every field written out in one literal: built ~50,000 times by a cold city evaluation, and
 * `{ ...head(def), … }` (an object spread ahead of a dozen fields) measured ~70 µs a result here against ~5 µs for this.
 */
function result(
  def: IndicatorDef, unit: string | undefined, value: number | null, threshold: number | null, met: boolean | null, ratioToThreshold: number | null,
  valueExact: string | null, thresholdExact: string | null, shortfall: Shortfall | null, status: IndicatorResult['status'], ev: Evidence, message: Message | undefined,
): IndicatorResult {
  return {
    code: def.code, name: def.name, nameZh: def.nameZh, unit: unit ?? def.unit,
    value, threshold, met, ratioToThreshold, valueExact, thresholdExact, shortfall, status, evidence: ev, message,
  };
}

/** An indicator whose inputs are missing: never a pass. */
export function noData(def: IndicatorDef, message: Message, ev: Evidence, extra?: Partial<IndicatorResult>): IndicatorResult {
  const r: IndicatorResult = {
    code: def.code, name: def.name, nameZh: def.nameZh, unit: def.unit,
    value: null, threshold: null, met: null, ratioToThreshold: null, shortfall: null, valueExact: null, thresholdExact: null,
    status: 'NO_DATA', evidence: ev, message,
  };
  return extra ? Object.assign(r, extra) : r;
}

export interface Judgement {
  value: Rational | null;
  threshold: Rational | null;
  met: boolean;
  shortfall?: Shortfall | null;
  message: Message;
  evidence: Evidence;
  unit?: string;
  /** Shares of the threshold that matter besides 1 (the school rule's 85%): the shown ratio keeps its side of each. */
  ratioMarks?: readonly Rational[];
}

/** An indicator decided from its data. */
export function judged(def: IndicatorDef, j: Judgement): IndicatorResult {
  const ratio = j.value !== null && j.threshold !== null && !j.threshold.isZero() ? j.value.div(j.threshold) : null;
  const marks = j.ratioMarks ?? [];
  return result(
    def, j.unit,
    // Shown by the one display rule: never on the other side of the threshold from the decision.
    shown(j.value, j.threshold),
    report(j.threshold),
    j.met,
    marks.length ? shown(ratio, Rational.ONE, ...marks) : shown(ratio, Rational.ONE),
    exactText(j.value, j.threshold),
    exactText(j.threshold),
    j.met ? null : (j.shortfall ?? null),
    j.met ? 'MET' : 'NOT_MET',
    j.evidence,
    j.message,
  );
}

/** Several messages read as one ("…; …"), e.g. the comparison and what is missing. */
export function joined(...parts: (Message | null | undefined | false)[]): Message {
  const kept = parts.filter((m): m is Message => !!m);
  return kept.length === 1 ? kept[0]! : msg('ENGINE_JOIN', { parts: kept });
}

/** A figure for a message's parameters: the exact decimal string (see exactText). */
export function dec(x: RationalLike, against?: RationalLike | null): string {
  return exactText(Rational.from(x), against === undefined || against === null ? null : Rational.from(against))!;
}

/** Whole units still missing to reach `target` from `current`: ceil(target − current), at least 0. */
export function missingUnits(target: RationalLike, current: RationalLike): bigint {
  const gap = Rational.from(target).sub(current).ceil();
  return gap > 0n ? gap : 0n;
}

/** Percentage points still missing, rounded up to 0.01 point. */
export function missingPoints(target: RationalLike, current: RationalLike): number {
  const hundredths = Rational.from(target).sub(current).mul(10000).ceil();
  return hundredths > 0n ? Number(hundredths) / 100 : 0;
}

export function shortfall(amount: bigint | number, unit: string, description: Message): Shortfall {
  return { amount: Number(amount), unit, description };
}
