// The 41 districts (read from seeds/chongqing-districts.csv), each with a synthetic profile, and the
// designed facts that tests and demos may rely on.
import * as fs from 'fs';
import * as path from 'path';
import { parseCsvLine } from './format';
import { placeName } from './names';
import { Rng } from './random';
import { projectRoot } from '../../src/config';

export type Row = Record<string, string>;
export type Tier = 'core' | 'suburban' | 'remote';

export const SCHOOL_YEARS = [2022, 2023, 2024] as const;
export const DISTRICT_YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;

/**
 * Facts built into the data. test/unit/seeds/generator.test.ts checks them all for the default seed
 * (20240901) at demo scale against a reading of DOMAIN §2. Most hold by construction for any seed and
 * scale; `qualifying` relies on weaker districts failing something by chance (it did for seeds 7 and
 * 12345 and at city scale when tried).
 */
export const DESIGNED = {
  seed: 20240901,
  schoolYears: [...SCHOOL_YEARS],
  districtYears: [...DISTRICT_YEARS],
  /** Districts that pass every part of DOMAIN §2 in each school year (all other districts fail something). */
  qualifying: {
    2022: ['500105', '500106', '500108', 'LJXQ'],
    2023: ['500106', '500107', '500108', 'LJXQ'],
    2024: ['500105', '500106', '500107', '500108', 'LJXQ'],
  } as Record<number, string[]>,
  /** Resource-rich districts built to pass (the four certified ones, 江北区, and 重庆高新区 which misses by one school). */
  strongDistricts: ['500105', '500106', '500107', '500108', 'LJXQ', 'GXQ'],
  /** 江北区 records a disqualifying event (key classes, V03 met=false) in 2023 and nothing else fails. */
  vetoEvent: { districtCode: '500105', year: 2023, indicator: 'V03' },
  /** 九龙坡区 rotated fewer than 10% of eligible teachers in 2022 (G11 fails), otherwise passes. */
  rotationShortfall: { districtCode: '500107', year: 2022 },
  /** 重庆高新区: exactly one school part fails the school rule (two indicators far below), every year; all else passes. */
  nearMissDistrict: 'GXQ',
  /** 渝中区: cramped city centre, many schools have under 85% of the sports-area threshold (R5). */
  crampedSportsDistrict: '500103',
  /** The only district whose general budget education expenditure decreases (2023 vs 2022, final basis); its 2023 budget row shows an increase. */
  decreasingExpenditureDistrict: '500237',
  decreasingExpenditureYear: 2023,
  /** Expenditure grows but enrolment grows faster: per-student expenditure decreases in 2023 (the only such district-year). */
  perStudentDecreaseDistrict: '500120',
  perStudentDecreaseYear: 2023,
  /** The only districts with classes above 45 (primary) / 50 (junior) students (G05 fails). */
  oversizedClassDistricts: ['500101', '500112', '500154'],
  /** The only district with a school above 2000 students (G04 fails). */
  oversizedSchoolDistricts: ['500112'],
  /** Music rooms under 96 m² or art rooms under 90 m² in some schools (G03 fails); weak districts may also lack rooms in teaching points. */
  smallArtsRoomDistricts: ['500110', '500229'],
  /** Teachers' average pay below civil servants' (G08 fails), every year. */
  teacherPayBelowCivilServantDistricts: ['500110', '500238', '500242'],
  /** Satisfaction under 85% (S01 fails), every school year. */
  lowSatisfactionDistricts: ['500229', '500243'],
  /** Some small village schools / teaching points funded below 100 students' benchmark (G06 fails). */
  underfundedSmallSchoolDistricts: ['500235', '500236'],
  /** Special-education school funded below 6000 yuan per student (G07 fails). */
  underfundedSpecialSchoolDistricts: ['500230'],
  /** Some schools spend under 5% of their public funds on teacher training (Q04 fails). */
  lowTrainingSpendDistricts: ['500233'],
};

/** [tier, approximate resident population in 10,000s] — only used as weights for school counts. */
const PROFILE: Record<string, [Tier, number]> = {
  '500101': ['suburban', 156], '500102': ['suburban', 112], '500103': ['core', 59], '500104': ['core', 42],
  '500105': ['core', 93], '500106': ['core', 148], '500107': ['core', 153], '500108': ['core', 120],
  '500109': ['core', 83], '500110': ['suburban', 101], '500111': ['suburban', 83], '500112': ['core', 219],
  '500113': ['core', 118], '500114': ['suburban', 49], '500115': ['suburban', 69], '500116': ['suburban', 136],
  '500117': ['suburban', 124], '500118': ['suburban', 115], '500119': ['suburban', 58], '500120': ['suburban', 76],
  '500151': ['suburban', 69], '500152': ['suburban', 69], '500153': ['suburban', 67], '500154': ['suburban', 120],
  '500155': ['suburban', 65], '500156': ['remote', 36], '500229': ['remote', 19], '500230': ['remote', 56],
  '500231': ['suburban', 65], '500233': ['remote', 72], '500235': ['remote', 93], '500236': ['remote', 74],
  '500237': ['remote', 46], '500238': ['remote', 39], '500240': ['remote', 39], '500241': ['remote', 50],
  '500242': ['remote', 61], '500243': ['remote', 49], LJXQ: ['core', 100], GXQ: ['core', 60], WSJKQ: ['suburban', 26],
};

export interface District {
  code: string;
  name: string;
  kind: string;
  planned: number;
  certified: boolean;
  tier: Tier;
  population: number;
  /** 0 (weak) … 1 (strong): drives resources, rates and pay for districts not built to a design. */
  strength: number;
  /** Built to pass DOMAIN §2 (see DESIGNED.strongDistricts). */
  strong: boolean;
  /** Yearly growth factor of compulsory enrolment. */
  trend: number;
}

export const has = (list: readonly string[], code: string): boolean => list.includes(code);


/** Reads seeds/chongqing-districts.csv (contract columns of `districts`). */
export function readDistrictSeed(): Row[] {
  const text = fs.readFileSync(path.join(projectRoot, 'seeds', 'chongqing-districts.csv'), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = parseCsvLine(lines[0]);
  return lines.slice(1).map((line) => {
    const cells = parseCsvLine(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/**
 * The year a district passed basic balance (基本均衡), for the precondition beside the verdict. Synthetic: the seed
 * file leaves it empty (the real years are not part of it); core districts 2013, suburban 2015, remote 2017, and the
 * functional zones none (they were not assessed as counties), so the demo shows met, met and unknown preconditions.
 */
export function basicBalanceYear(d: District): string {
  if (d.kind === 'functional_zone') return '';
  return d.tier === 'core' ? '2013' : d.tier === 'suburban' ? '2015' : '2017';
}

/** Districts a province-scale world adds to the 41 of the seed file (≈180 in all, like a large province). */
export const PROVINCE_EXTRA_DISTRICTS = 139;
/** A province code GB/T 2260 does not assign, so the generated counties can never be mistaken for real ones. */
export const SYNTHETIC_PROVINCE_CODE = '59';

/**
 * The seed file's 41 districts and `PROVINCE_EXTRA_DISTRICTS` generated counties of a synthetic province: 12
 * prefecture-level cities (code 59CC), each with districts (59CC01–), counties (59CC21–) and one county-level city
 * (59CC81), the numbering GB/T 2260 uses. Names are invented (place name + 区/县/市) and distinct. The rows carry
 * `tier` and `population` beside the contract columns (the generator emits only the contract columns).
 */
export function provinceDistrictSeed(seed: number): Row[] {
  const rows = readDistrictSeed();
  const rng = new Rng(seed, 'province-districts');
  const names = new Set(rows.map((r) => r.name));
  const fresh = (suffix: string) => {
    for (;;) {
      const name = placeName(rng) + suffix;
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };
  const prefectures = 12;
  for (let p = 0; p < prefectures; p++) {
    const prefix = `${SYNTHETIC_PROVINCE_CODE}${String(p + 1).padStart(2, '0')}`;
    const size = Math.floor(PROVINCE_EXTRA_DISTRICTS / prefectures) + (p < PROVINCE_EXTRA_DISTRICTS % prefectures ? 1 : 0);
    const urban = 2 + (p % 3);
    for (let k = 0; k < size; k++) {
      const kind = k < urban ? 'district' : k === size - 1 ? 'county_city' : 'county';
      const code = kind === 'district' ? `${prefix}${String(k + 1).padStart(2, '0')}`
        : kind === 'county' ? `${prefix}${String(21 + k - urban).padStart(2, '0')}` : `${prefix}81`;
      const tier: Tier = kind === 'district' ? (k === 0 && p < 4 ? 'core' : 'suburban') : rng.chance(0.55) ? 'remote' : 'suburban';
      const planned = rng.int(2024, 2030);
      rows.push({
        code,
        name: fresh(kind === 'district' ? '区' : kind === 'county' ? '县' : '市'),
        // a county-level city is a county for the contract's vocabulary
        kind: kind === 'district' ? 'district' : 'county',
        planned_certification_year: String(planned),
        certified: 'false',
        certified_year: '',
        basic_balance_year: '',
        tier,
        population: String(tier === 'core' ? rng.int(90, 180) : tier === 'suburban' ? rng.int(45, 120) : rng.int(20, 80)),
      });
    }
  }
  return rows;
}

export function buildDistricts(rows: Row[]): District[] {
  return rows.map((r) => {
    const [tier, population] = PROFILE[r.code] ?? (r.tier ? [r.tier as Tier, Number(r.population)] : ['suburban', 60]);
    const planned = Number(r.planned_certification_year);
    const strength = Math.min(0.95, Math.max(0.1, 0.95 - 0.1 * (planned - 2022)));
    let trend = tier === 'core' ? 1.015 : tier === 'suburban' ? 1.0 : 0.97;
    if (r.code === DESIGNED.perStudentDecreaseDistrict) trend = 1.04;
    return {
      code: r.code,
      name: r.name,
      kind: r.kind,
      planned,
      certified: r.certified === 'true',
      tier,
      population,
      strength,
      strong: has(DESIGNED.strongDistricts, r.code),
      trend,
    };
  });
}
