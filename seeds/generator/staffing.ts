// Teachers and their yearly postings, and civil servants' pay (staffing department).
//
// Each school part (school × stage) gets a roster sized from its first-year students, composed so that
// R1 (degree above the minimum), R2 (county-level backbone) and R3 (PE/arts) land where the part's
// resource factors put them. Rosters persist across years: ~4% of teachers leave and are replaced each
// year, and rotation (交流轮岗) swaps pairs of equivalent teachers (same stage, subject, degree class and
// backbone class) between public schools of a district, so every school keeps its R1–R3 counts.
import { DESIGNED, DISTRICT_YEARS, District, has, Row, SCHOOL_YEARS } from './districts';
import { bool, clamp, dec2, int } from './format';
import { mix32, Rng } from './random';
import { R_THRESHOLDS, School, Part, Stage } from './schools';

export interface World {
  seed: number;
  districts: District[];
  schools: School[];
  /** Average teacher pay per district code, per SCHOOL_YEARS index (filled while postings stream). */
  teacherPay: Map<string, number[]>;
}

interface Teacher {
  id: string;
  subject: string;
  degree: string;
  backbone: string;
  certified: boolean;
  training: number;
  pay: number; // first school year
  years: number; // years at the current school
  eligible: boolean;
  rotated: boolean;
  /** 专任教师; drawn once per teacher from its own stream (so adding it moved no other figure). */
  fullTime?: boolean;
}

/**
 * About 1.5% of teachers outside PE and the arts are not full-time (代课、兼任): they count for R1, R2, G08, G09 and
 * G11 but not for G12. PE and arts teachers stay full-time, so R3 is as it was designed.
 */
function isFullTime(seed: number, t: Teacher): boolean {
  t.fullTime ??= PE_ARTS.some(([subject]) => subject === t.subject) || !new Rng(seed, 'full-time', t.id).chance(0.015);
  return t.fullTime;
}

interface Unit {
  school: School;
  part: Part;
  teachers: Teacher[];
  rotatable: boolean;
}

const PE_ARTS: Array<[string, number]> = [['pe', 50], ['music', 25], ['art', 25]];
const CORE_SUBJECTS: Record<Stage, Array<[string, number]>> = {
  primary: [['chinese', 30], ['mathematics', 25], ['english', 10], ['science', 7], ['moral', 6], ['it', 4]],
  junior: [['chinese', 14], ['mathematics', 14], ['english', 13], ['physics', 7], ['chemistry', 5], ['biology', 5],
    ['politics', 6], ['history', 6], ['geography', 5], ['it', 4], ['science', 1], ['moral', 1]],
};
const COUNTY_PLUS = ['county', 'city', 'province', 'national'];
export const isBackbone = (level: string): boolean => COUNTY_PLUS.includes(level);
const BASE_PAY: Record<District['tier'], number> = { core: 128000, suburban: 112000, remote: 102000 };
const PAY_GROWTH = 1.045;

class Staffing {
  private counter = 0;
  private readonly idKey: number;
  constructor(world: World) {
    this.idKey = mix32(world.seed >>> 0);
  }

  newTeacher(rng: Rng, d: District, school: School, stage: Stage, subject: string, above: boolean, backbone: boolean): Teacher {
    const s = d.strength;
    const degree = above
      ? stage === 'primary'
        ? rng.weighted([['postgraduate', 0.02 + 0.06 * s], ['bachelor', 0.5 + 0.35 * s], ['associate', 0.48 - 0.41 * s]])
        : rng.weighted([['postgraduate', 0.03 + 0.1 * s], ['bachelor', 0.97 - 0.1 * s]])
      : stage === 'primary'
        ? rng.weighted([['secondary', 0.85], ['other', 0.15]])
        : rng.weighted([['associate', 0.9], ['secondary', 0.1]]);
    const backboneLevel = backbone
      ? rng.weighted([['county', 70], ['city', 22], ['province', 7], ['national', 1]])
      : rng.chance(0.15) ? 'school' : 'none';
    const uncertified = d.strong || s >= 0.5 ? 0 : 0.03 * (1 - s) + (school.ownership === 'private' ? 0.03 : 0);
    const lowTraining = d.strong || s >= 0.6 ? 0 : 0.04 * (1 - s);
    let pay = BASE_PAY[d.tier] * (1 + 0.1 * (s - 0.5)) * clamp(rng.normal(1, 0.08), 0.8, 1.2);
    if (isBackbone(backboneLevel)) pay += 9000;
    if (degree === 'postgraduate') pay += 4000;
    if (school.ownership === 'private') pay *= 0.92;
    return {
      id: 'T' + mix32((this.counter++ ^ this.idKey) >>> 0).toString(16).padStart(8, '0'),
      subject, degree, backbone: backboneLevel,
      certified: !rng.chance(uncertified),
      training: rng.chance(lowTraining) ? rng.int(200, 359) : rng.int(360, 620),
      pay: clamp(pay, 86000, 152000),
      years: 0, eligible: false, rotated: false,
    };
  }

  /** Initial roster of one school part. */
  roster(rng: Rng, school: School, part: Part): Teacher[] {
    const d = school.district;
    const thr = R_THRESHOLDS[part.stage];
    const P = part.base;
    const count = (x: number) => (d.strong ? Math.ceil(x) : Math.round(x));
    const spt = school.type === 'special' ? rng.float(3.5, 5)
      : school.type === 'teaching_point' ? rng.float(10, 14)
      : (part.stage === 'primary' ? { core: 17.5, suburban: 16.5, remote: 15.5 } : { core: 14, suburban: 13.5, remote: 13 })[d.tier] * rng.float(0.9, 1.1);
    const nPeArts = count((P / 100) * thr[2] * part.f[2]);
    const n = Math.max(2, nPeArts + 2, Math.round(P / spt));
    const nAbove = Math.min(n, count((P / 100) * thr[0] * part.f[0]));
    const nBackbone = Math.min(n, count((P / 100) * thr[1] * part.f[1]));
    const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    const above = new Set(order.slice(0, nAbove));
    // backbone teachers come from the better-qualified first
    const backbone = new Set(order.slice(0, nBackbone));
    const peArts = new Set(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, nPeArts));
    return Array.from({ length: n }, (_, i) => {
      const subject = rng.weighted(peArts.has(i) ? PE_ARTS : CORE_SUBJECTS[part.stage]);
      const t = this.newTeacher(rng, d, school, part.stage, subject, above.has(i), backbone.has(i));
      t.years = rng.int(0, 14);
      return t;
    });
  }

  /** Replacement for a leaver: same subject, degree class and backbone class. */
  replacement(rng: Rng, unit: Unit, leaver: Teacher): Teacher {
    const stage = unit.part.stage;
    const above = stage === 'primary' ? ['postgraduate', 'bachelor', 'associate'].includes(leaver.degree) : ['postgraduate', 'bachelor'].includes(leaver.degree);
    return this.newTeacher(rng, unit.school.district, unit.school, stage, leaver.subject, above, isBackbone(leaver.backbone));
  }
}

function aboveMinimum(stage: Stage, degree: string): boolean {
  return stage === 'primary' ? degree !== 'secondary' && degree !== 'other' : degree === 'bachelor' || degree === 'postgraduate';
}

/** Rotation for one district and year: swaps pairs of equivalent eligible teachers between schools. */
function rotate(units: Unit[], d: District, year: number, rng: Rng): void {
  const s = d.strength;
  const shortfall = d.code === DESIGNED.rotationShortfall.districtCode && year === DESIGNED.rotationShortfall.year;
  const rate = d.strong ? (shortfall ? 0.07 : rng.float(0.12, 0.15)) : clamp(0.04 + 0.1 * s + rng.normal(0, 0.015), 0.02, 0.16);
  const backboneShare = d.strong ? rng.float(0.25, 0.35) : clamp(0.1 + 0.2 * s + rng.normal(0, 0.05), 0.05, 0.4);
  const groups = new Map<string, Array<[Unit, number]>>();
  let eligible = 0;
  for (const u of units) {
    if (!u.rotatable) continue;
    u.teachers.forEach((t, i) => {
      if (!t.eligible) return;
      eligible++;
      const key = `${u.part.stage}|${t.subject}|${aboveMinimum(u.part.stage, t.degree)}|${isBackbone(t.backbone)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push([u, i]);
    });
  }
  const backbonePairs: Array<[Unit, number, Unit, number]> = [];
  const otherPairs: Array<[Unit, number, Unit, number]> = [];
  for (const [key, members] of groups) {
    const pending: Array<[Unit, number]> = [];
    for (const m of rng.shuffle(members)) {
      const j = pending.findIndex((p) => p[0].school !== m[0].school);
      if (j < 0) pending.push(m);
      else {
        const [p] = pending.splice(j, 1);
        (key.endsWith('|true') ? backbonePairs : otherPairs).push([p[0], p[1], m[0], m[1]]);
      }
    }
  }
  rng.shuffle(backbonePairs);
  rng.shuffle(otherPairs);
  const target = Math.ceil(eligible * rate);
  const backboneTarget = Math.ceil(target * backboneShare);
  const chosen: Array<[Unit, number, Unit, number]> = [];
  let bb = 0;
  while (bb < backboneTarget && chosen.length * 2 < target && backbonePairs.length) {
    chosen.push(backbonePairs.pop()!);
    bb += 2;
  }
  while (chosen.length * 2 < target && (otherPairs.length || backbonePairs.length)) {
    chosen.push((otherPairs.pop() ?? backbonePairs.pop())!);
  }
  for (const [ua, ia, ub, ib] of chosen) {
    const a = ua.teachers[ia];
    const b = ub.teachers[ib];
    ua.teachers[ia] = b;
    ub.teachers[ib] = a;
    a.rotated = b.rotated = true;
    a.years = b.years = 0;
  }
}

export function* teacherPostingRows(world: World): Generator<Row> {
  const staffing = new Staffing(world);
  const units: Unit[] = [];
  const byDistrict = new Map<District, Unit[]>();
  for (const school of world.schools) {
    const rng = new Rng(world.seed, 'roster', school.code);
    for (const part of school.parts) {
      const unit: Unit = {
        school, part, teachers: staffing.roster(rng, school, part),
        rotatable: school.ownership === 'public' && school.type !== 'special',
      };
      units.push(unit);
      const list = byDistrict.get(school.district) ?? [];
      list.push(unit);
      byDistrict.set(school.district, list);
    }
  }
  for (const d of world.districts) world.teacherPay.set(d.code, []);

  for (let yi = 0; yi < SCHOOL_YEARS.length; yi++) {
    const year = SCHOOL_YEARS[yi];
    for (const unit of units) {
      const rng = new Rng(world.seed, 'staff-year', unit.school.code, unit.part.stage, year);
      unit.teachers.forEach((t, i) => {
        if (yi > 0) {
          if (rng.chance(0.04)) unit.teachers[i] = t = staffing.replacement(rng, unit, t);
          else t.years++;
        }
        t.rotated = false;
        t.eligible = unit.rotatable && t.years >= 6;
      });
    }
    for (const d of world.districts) rotate(byDistrict.get(d) ?? [], d, year, new Rng(world.seed, 'rotation', d.code, year));

    const sums = new Map<string, [number, number]>();
    for (const { school, part, teachers } of units) {
      const acc = sums.get(school.district.code) ?? [0, 0];
      sums.set(school.district.code, acc);
      // Civil servants' pay is drawn against the teachers G08 averages: public schools in scope (DOMAIN §2.3).
      const inG08 = school.ownership === 'public' && school.type !== 'special' && !(school.type === 'teaching_point' && part.students[yi] < 50);
      for (const t of teachers) {
        const pay = Math.round(t.pay * PAY_GROWTH ** yi * 100) / 100;
        if (inG08) {
          acc[0] += pay;
          acc[1]++;
        }
        yield {
          teacher_id: t.id, year: String(year), school_code: school.code, stage: part.stage, subject: t.subject,
          degree: t.degree, backbone_level: t.backbone, certified: bool(t.certified), training_hours_5y: int(t.training),
          annual_pay_yuan: dec2(pay), rotation_eligible: bool(t.eligible), rotated: bool(t.rotated), full_time: bool(isFullTime(world.seed, t)),
        };
      }
    }
    for (const [code, [sum, n]] of sums) world.teacherPay.get(code)!.push(sum / n);
  }
}

export function* civilServantPayRows(world: World): Generator<Row> {
  for (const d of world.districts) {
    const rng = new Rng(world.seed, 'civil-pay', d.code);
    const teacherPay = world.teacherPay.get(d.code);
    if (!teacherPay || teacherPay.length < SCHOOL_YEARS.length) throw new Error('teacher_postings must be generated first');
    const below = has(DESIGNED.teacherPayBelowCivilServantDistricts, d.code);
    for (const year of DISTRICT_YEARS) {
      const yi = year - SCHOOL_YEARS[0];
      const teacher = yi >= 0 ? teacherPay[yi] : teacherPay[0] / PAY_GROWTH ** -yi;
      const ratio = below ? rng.float(1.04, 1.08) : rng.float(0.9, 0.985);
      yield { district_code: d.code, year: String(year), average_annual_pay_yuan: dec2(teacher * ratio) };
    }
  }
}
