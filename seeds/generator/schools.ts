// Schools and their annual statistics (education department).
import { DESIGNED, District, has, Row, SCHOOL_YEARS } from './districts';
import { bool, clamp, dec2, int } from './format';
import { chineseNumber, placeName, townNames, urbanStyleName } from './names';
import { Rng } from './random';

export type Stage = 'primary' | 'junior';
export type SchoolType = 'primary' | 'junior' | 'nine_year' | 'twelve_year' | 'complete_secondary' | 'teaching_point' | 'special';
export type Location = 'urban' | 'town' | 'rural';
export type Scale = 'demo' | 'city' | 'province';

/** DOMAIN §2.1 thresholds R1..R7 (used only to place synthetic values around them). */
export const R_THRESHOLDS: Record<Stage, number[]> = {
  primary: [4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3],
  junior: [5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4],
};
export const CLASS_LIMIT: Record<Stage, number> = { primary: 45, junior: 50 };

export interface Part {
  stage: Stage;
  /** Students in the first school year; facilities and staff are sized from it. */
  base: number;
  /** R1..R7 as multiples of the threshold, relative to `base`. */
  f: number[];
  students: number[]; // per SCHOOL_YEARS index
  classes: number[];
  maxClass: number[];
  teachingAux: number;
  sports: number;
  equipment: number; // first year; grows 4% a year
  multimedia: number;
  musicRooms: number;
  musicArea: number; // smallest music room, 0 when none
  artRooms: number;
  artArea: number;
}

export interface School {
  code: string;
  name: string;
  district: District;
  type: SchoolType;
  location: Location;
  boarding: boolean;
  ownership: 'public' | 'private';
  parts: Part[];
  flags: { bigClass: boolean; smallRoom: boolean; nearMiss: boolean; oversized: boolean };
}

const TOTAL_SCHOOLS: Record<Scale, number> = { demo: 1500, city: 5000, province: 25000 };
const SIZE_FACTOR: Record<Scale, number> = { demo: 0.72, city: 0.88, province: 0.95 };

const TYPE_MIX: Record<District['tier'], Array<[SchoolType, number]>> = {
  core: [['primary', 56], ['junior', 14], ['nine_year', 10], ['twelve_year', 5], ['complete_secondary', 12], ['teaching_point', 3]],
  suburban: [['primary', 54], ['junior', 13], ['nine_year', 12], ['twelve_year', 2], ['complete_secondary', 7], ['teaching_point', 12]],
  remote: [['primary', 45], ['junior', 11], ['nine_year', 15], ['twelve_year', 1], ['complete_secondary', 5], ['teaching_point', 23]],
};
const LOCATION_MIX: Record<District['tier'], Array<[Location, number]>> = {
  core: [['urban', 85], ['town', 15], ['rural', 0]],
  suburban: [['urban', 35], ['town', 40], ['rural', 25]],
  remote: [['urban', 20], ['town', 40], ['rural', 40]],
};
const STAGES: Record<SchoolType, Stage[]> = {
  primary: ['primary'], junior: ['junior'], complete_secondary: ['junior'], teaching_point: ['primary'],
  nine_year: ['primary', 'junior'], twelve_year: ['primary', 'junior'], special: ['primary', 'junior'],
};
/** Base students per part: [urban, town, rural] ranges. */
const SIZE: Record<string, Array<[number, number]>> = {
  primary: [[800, 1900], [300, 1200], [60, 350]],
  junior: [[900, 1900], [500, 1400], [200, 600]],
  complete_secondary: [[900, 1800], [600, 1400], [400, 900]],
  nine_year_primary: [[600, 1300], [300, 900], [100, 400]],
  nine_year_junior: [[400, 900], [200, 600], [80, 300]],
  twelve_year_primary: [[500, 1100], [400, 800], [300, 600]],
  twelve_year_junior: [[400, 900], [300, 700], [200, 500]],
};

/** Largest-remainder apportionment of `total` by `weights`. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) counts[order[k][1]]++;
  return counts;
}

/** School code: district code padded to 6 characters with '0' + 4-digit sequence = 10 characters. */
export const schoolCode = (districtCode: string, seq: number): string =>
  districtCode.padEnd(6, '0') + String(seq).padStart(4, '0');

function resourceFactors(d: District, rng: Rng): number[] {
  if (d.strong) {
    const f = Array.from({ length: 7 }, () => rng.float(1.12, 1.6));
    // a quarter of schools miss one indicator, but stay above 85% of it (the school rule allows that)
    if (rng.chance(0.25)) f[rng.int(0, 6)] = rng.float(0.93, 0.97);
    return f;
  }
  const mu = Math.log(1 + 0.45 * d.strength);
  const sigma = 0.12 + 0.3 * (1 - d.strength);
  const common = rng.normal(0, sigma * 0.5);
  const f = Array.from({ length: 7 }, () => clamp(Math.exp(mu + common + rng.normal(0, sigma * 0.85)), 0.3, 3));
  if (d.code === DESIGNED.crampedSportsDistrict && rng.chance(0.6)) f[4] = rng.float(0.45, 0.8);
  return f;
}

class Namer {
  private used = new Set<string>();
  private ordinal = { primary: 0, junior: 0, middle: 0 };
  private townSchools = new Map<string, number>();
  constructor(private d: District, private rng: Rng, private towns: string[]) {}

  name(type: SchoolType, location: Location, ownership: string): string {
    for (let attempt = 0; attempt < 30; attempt++) {
      const n = this.candidate(type, location, ownership);
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
    let k = 2;
    const stem = this.candidate(type, location, ownership);
    while (this.used.has(`${stem}${chineseNumber(k)}校区`)) k++;
    this.used.add(`${stem}${chineseNumber(k)}校区`);
    return `${stem}${chineseNumber(k)}校区`;
  }

  private candidate(type: SchoolType, location: Location, ownership: string): string {
    const { rng } = this;
    const d = this.d.name;
    const town = rng.pick(this.towns);
    const seen = this.townSchools.get(town + type) ?? 0;
    switch (type) {
      case 'special':
        return this.used.has(`${d}特殊教育学校`) ? `${d}${placeName(rng)}启智学校` : `${d}特殊教育学校`;
      case 'teaching_point':
        return `${d}${placeName(rng)}村教学点`;
      case 'twelve_year':
        return `${d}${urbanStyleName(rng)}${rng.pick(['外国语学校', '实验学校', '育才学校'])}`;
      case 'nine_year':
        if (ownership === 'private' || location === 'urban') return `${d}${urbanStyleName(rng)}学校`;
        this.townSchools.set(town + type, seen + 1);
        return location === 'town' && seen === 0 ? `${d}${town}镇中心学校` : `${d}${town}镇${placeName(rng)}学校`;
      case 'primary':
        if (ownership === 'private') return `${d}${urbanStyleName(rng)}外国语小学`;
        if (location === 'urban') {
          return rng.chance(0.55) ? `${d}第${chineseNumber(++this.ordinal.primary)}小学` : `${d}${urbanStyleName(rng)}小学`;
        }
        this.townSchools.set(town + type, seen + 1);
        if (location === 'town') return seen === 0 ? `${d}${town}镇中心小学` : `${d}${town}镇${placeName(rng)}小学`;
        return `${d}${town}镇${placeName(rng)}村小学`;
      case 'junior':
        if (ownership === 'private') return `${d}${urbanStyleName(rng)}初级中学`;
        if (location === 'urban') return `${d}第${chineseNumber(++this.ordinal.junior)}初级中学`;
        this.townSchools.set(town + type, seen + 1);
        return `${d}${town}镇${seen === 0 ? '' : placeName(rng)}中学`;
      case 'complete_secondary':
        if (location === 'urban' && ownership === 'public') return `${d}第${chineseNumber(++this.ordinal.middle)}中学`;
        return `${d}${location === 'urban' ? urbanStyleName(rng) : town}中学`;
    }
  }
}

function makePart(d: District, school: Omit<School, 'parts'>, stage: Stage, base: number, rng: Rng): Part {
  const f = resourceFactors(d, rng);
  const thr = R_THRESHOLDS[stage];
  const isTp = school.type === 'teaching_point';
  // average class size: by location; designed big-class schools go above the limit
  const limit = CLASS_LIMIT[stage];
  const avg = school.flags.bigClass
    ? rng.float(limit - 1, limit + 2)
    : isTp ? rng.float(8, 15)
    : school.type === 'special' ? rng.float(8, 12)
    : school.location === 'urban' ? rng.float(limit - 9, limit - 2)
    : school.location === 'town' ? rng.float(limit - 14, limit - 4) : rng.float(20, limit - 10);
  const students: number[] = [];
  const classes: number[] = [];
  const maxClass: number[] = [];
  SCHOOL_YEARS.forEach((_, i) => {
    const s = Math.max(1, Math.round(base * d.trend ** i * (1 + clamp(rng.normal(0, 0.006), -0.015, 0.015))));
    const minClasses = isTp ? clamp(Math.ceil(s / 12), 1, 4) : Math.min(stage === 'primary' ? 6 : 3, Math.ceil(s / 15));
    const c = Math.max(1, minClasses, Math.ceil(s / avg));
    const even = Math.ceil(s / c);
    const max = school.flags.bigClass ? Math.max(even, limit + rng.int(1, 12)) : Math.min(limit, even + rng.int(0, 4));
    students.push(s);
    classes.push(c);
    maxClass.push(Math.min(s, max));
  });
  const needRooms = Math.max(1, ...classes.map((c) => Math.ceil(c / 12)));
  const weakPoint = isTp && !d.strong && d.strength < 0.4 && rng.chance(0.5);
  const musicRooms = weakPoint ? 0 : needRooms + (rng.chance(0.3) ? 1 : 0);
  const artRooms = weakPoint ? 0 : needRooms + (rng.chance(0.3) ? 1 : 0);
  let musicArea = musicRooms ? rng.float(96.5, 140) : 0;
  let artArea = artRooms ? rng.float(90.5, 130) : 0;
  if (school.flags.smallRoom && musicRooms) {
    if (rng.chance(0.7)) musicArea = rng.float(60, 95);
    else artArea = rng.float(55, 89);
  }
  return {
    stage, base, f, students, classes, maxClass,
    teachingAux: base * thr[3] * f[3],
    sports: base * thr[4] * f[4],
    equipment: base * thr[5] * f[5],
    multimedia: Math.ceil((base * thr[6] * f[6]) / 100),
    musicRooms, musicArea, artRooms, artArea,
  };
}

function partSizes(type: SchoolType, location: Location, scale: Scale, rng: Rng): number[] {
  const li = location === 'urban' ? 0 : location === 'town' ? 1 : 2;
  const k = SIZE_FACTOR[scale];
  const draw = (key: string) => Math.round(rng.float(...SIZE[key][li]) * k);
  switch (type) {
    case 'teaching_point':
      return [rng.chance(0.6) ? rng.int(8, 49) : rng.int(50, 110)];
    case 'special': {
      const total = rng.int(60, 260);
      return [Math.round(total * 0.6), total - Math.round(total * 0.6)];
    }
    case 'nine_year':
    case 'twelve_year':
      return [draw(`${type}_primary`), draw(`${type}_junior`)];
    default:
      return [draw(type)];
  }
}

export function buildSchools(districts: District[], scale: Scale, seed: number): School[] {
  const specials = districts.map((d) => (scale !== 'demo' && d.population >= 100 ? 2 : 1));
  const weights = districts.map((d) => d.population * (d.tier === 'core' ? 0.75 : d.tier === 'suburban' ? 1 : 1.5));
  const counts = apportion(TOTAL_SCHOOLS[scale] - specials.reduce((a, b) => a + b, 0), weights);
  const schools: School[] = [];
  districts.forEach((d, di) => {
    const rng = new Rng(seed, 'schools', d.code);
    const namer = new Namer(d, rng, townNames(rng, Math.max(4, Math.ceil(counts[di] / 5))));
    const types: SchoolType[] = [];
    for (let k = 0; k < counts[di]; k++) types.push(rng.weighted(TYPE_MIX[d.tier]));
    for (let k = 0; k < specials[di]; k++) types.push('special');
    let oversizedLeft = has(DESIGNED.oversizedSchoolDistricts, d.code) ? 2 : 0;
    const bigClassDistrict = has(DESIGNED.oversizedClassDistricts, d.code);
    types.forEach((type, k) => {
      const location: Location = type === 'teaching_point' ? 'rural' : type === 'special' ? 'urban'
        : (() => {
            const l = rng.weighted(LOCATION_MIX[d.tier]);
            return l === 'rural' && (type === 'complete_secondary' || type === 'twelve_year') ? 'town' : l;
          })();
      const privateChance = type === 'teaching_point' || type === 'special' ? 0
        : type === 'twelve_year' ? 0.5 : d.tier === 'core' ? 0.1 : d.tier === 'suburban' ? 0.07 : 0.04;
      const ownership = rng.chance(privateChance) ? 'private' : 'public';
      const hasJunior = STAGES[type].includes('junior');
      const boarding = type === 'teaching_point' ? false : type === 'special' ? rng.chance(0.5)
        : location === 'urban' ? rng.chance(type === 'twelve_year' && ownership === 'private' ? 0.5 : 0.03)
        : rng.chance(hasJunior ? 0.6 : location === 'rural' ? 0.25 : 0.1);
      const oversized = oversizedLeft > 0 && type === 'primary' && location === 'urban' && ownership === 'public';
      if (oversized) oversizedLeft--;
      const school: School = {
        code: schoolCode(d.code, k + 1),
        name: namer.name(type, location, ownership),
        district: d, type, location, boarding, ownership, parts: [],
        flags: {
          bigClass: bigClassDistrict && location !== 'rural' && type !== 'teaching_point' && type !== 'special' && rng.chance(0.25),
          smallRoom: has(DESIGNED.smallArtsRoomDistricts, d.code) && rng.chance(0.35),
          nearMiss: false,
          oversized,
        },
      };
      let sizes = oversized ? [rng.int(2150, 2400)] : partSizes(type, location, scale, rng);
      // stay under 2000 (2500 for nine/twelve-year schools) in every year, despite enrolment growth
      const cap = (type === 'nine_year' || type === 'twelve_year' ? 2450 : 1985) / (Math.max(1, d.trend) ** 2 * 1.016);
      const total = sizes.reduce((a, b) => a + b, 0);
      if (!oversized && total > cap) sizes = sizes.map((s) => Math.floor((s * cap) / total));
      school.parts = STAGES[type].map((stage, i) => makePart(d, school, stage, sizes[i], rng));
      schools.push(school);
    });
    if (d.code === DESIGNED.nearMissDistrict) markNearMiss(schools.filter((s) => s.district === d), rng);
  });
  return schools;
}

/** One school part of the district falls clearly short on two indicators. */
function markNearMiss(schools: School[], rng: Rng): void {
  const candidates = schools.filter((s) => s.type === 'primary' && s.ownership === 'public');
  const school = candidates[Math.floor(candidates.length / 2)];
  school.flags.nearMiss = true;
  const part = school.parts[0];
  const [a, b] = rng.shuffle([0, 1, 2, 3, 4, 5, 6]);
  for (const k of [a, b]) part.f[k] = rng.float(0.7, 0.8);
  // facilities are derived from f: recompute them
  const thr = R_THRESHOLDS[part.stage];
  part.teachingAux = part.base * thr[3] * part.f[3];
  part.sports = part.base * thr[4] * part.f[4];
  part.equipment = part.base * thr[5] * part.f[5];
  part.multimedia = Math.ceil((part.base * thr[6] * part.f[6]) / 100);
}

export function* schoolRows(schools: School[]): Generator<Row> {
  for (const s of schools) {
    yield {
      school_code: s.code, name: s.name, district_code: s.district.code, school_type: s.type,
      location: s.location, boarding: bool(s.boarding), ownership: s.ownership,
    };
  }
}

export function* schoolStatsRows(schools: School[]): Generator<Row> {
  for (let i = 0; i < SCHOOL_YEARS.length; i++) {
    for (const s of schools) {
      for (const p of s.parts) {
        yield {
          school_code: s.code, year: String(SCHOOL_YEARS[i]), stage: p.stage,
          students: int(p.students[i]), classes: int(p.classes[i]), max_class_size: int(p.maxClass[i]),
          teaching_aux_area_m2: dec2(p.teachingAux), sports_area_m2: dec2(p.sports),
          equipment_value_yuan: dec2(p.equipment * 1.04 ** i), multimedia_rooms: int(p.multimedia),
          music_rooms: int(p.musicRooms), music_room_min_area_m2: p.musicRooms ? dec2(p.musicArea) : '',
          art_rooms: int(p.artRooms), art_room_min_area_m2: p.artRooms ? dec2(p.artArea) : '',
        };
      }
    }
  }
}
