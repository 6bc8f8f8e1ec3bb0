// Inspectors' ratings, satisfaction surveys and process-supervision visits (supervision office).
import { DESIGNED, has, Row, SCHOOL_YEARS } from './districts';
import { addDays, bool, int, isoDate } from './format';
import { Rng } from './random';
import { CLASS_LIMIT, School } from './schools';
import type { World } from './staffing';

/** Indicators rated by inspectors, with the note written when one is not met. */
const RATED: Array<[string, string]> = [
  ['G01', '学校布局规划未落实，部分片区学位紧张'],
  ['G02', '城乡学校建设、编制、经费和装备标准尚未统一'],
  ['G10', '教职工编制未在核定总量内统筹调配'],
  ['G15', '留守儿童关爱体系不健全'],
  ['Q03', '部分学校未实现管理与教学信息化'],
  ['Q05', '教师信息技术应用不熟练，设备使用率低'],
  ['Q06', '德育工作和校园文化建设有待加强'],
  ['Q07', '未开齐开足国家规定课程'],
  ['Q08', '学生课业负担过重'],
];
const VETOES: Array<[string, string]> = [
  ['V01', '以考试方式招生'],
  ['V02', '违规择校'],
  ['V03', '初中部设立重点班（实验班）'],
];

export function* ratingRows(world: World): Generator<Row> {
  const veto = DESIGNED.vetoEvent;
  for (const d of world.districts) {
    const rng = new Rng(world.seed, 'ratings', d.code);
    const failChance = d.strong ? 0 : 0.02 + 0.1 * (1 - d.strength);
    for (const year of SCHOOL_YEARS) {
      for (const [indicator, note] of RATED) {
        const met = !rng.chance(failChance);
        yield { district_code: d.code, year: String(year), indicator, met: bool(met), note: met ? '' : note };
      }
      for (const [indicator, note] of VETOES) {
        const met = !(d.code === veto.districtCode && year === veto.year && indicator === veto.indicator);
        yield { district_code: d.code, year: String(year), indicator, met: bool(met), note: met ? '' : note };
      }
    }
  }
}

export function* surveyRows(world: World): Generator<Row> {
  for (const d of world.districts) {
    const rng = new Rng(world.seed, 'surveys', d.code);
    const sample = rng.int(800, 3000);
    for (const year of SCHOOL_YEARS) {
      const respondents = Math.round(sample * rng.float(0.9, 1.1));
      const rate = has(DESIGNED.lowSatisfactionDistricts, d.code) ? rng.float(0.78, 0.84)
        : d.strong ? rng.float(0.9, 0.97) : rng.float(0.86, 0.95);
      yield { district_code: d.code, year: String(year), respondents: int(respondents), satisfied: int(Math.floor(respondents * rate)) };
    }
  }
}

const GENERIC_FINDINGS = [
  '体育运动场馆面积不足，课间活动空间紧张',
  '部分教学仪器设备老化，未能正常使用',
  '书面作业时间超过规定，作业公示不到位',
  '校园安全：消防通道堆放杂物',
  '食堂食品安全台账不完整',
  '课后服务开展不规范',
  '心理健康教育专职教师配备不足',
  '校舍外墙瓷砖脱落，存在安全隐患',
  '图书馆藏书陈旧，生均图书不足',
  '体育、艺术课程课时未开足',
];
const LAST_DAY = '2025-06-30';

function finding(s: School, rng: Rng, yi: number): [string, boolean] {
  const big = s.parts.find((p) => p.maxClass[yi] > CLASS_LIMIT[p.stage]);
  if (big && rng.chance(0.7)) return [`大班额：最大班额${big.maxClass[yi]}人，超过${CLASS_LIMIT[big.stage]}人标准`, true];
  const smallMusic = s.parts.find((p) => p.musicRooms && p.musicArea < 96);
  if (smallMusic && rng.chance(0.7)) return [`音乐教室面积${smallMusic.musicArea.toFixed(1)}平方米，低于96平方米标准`, true];
  const smallArt = s.parts.find((p) => p.artRooms && p.artArea < 90);
  if (smallArt && rng.chance(0.7)) return [`美术教室面积${smallArt.artArea.toFixed(1)}平方米，低于90平方米标准`, true];
  const students = s.parts.reduce((n, p) => n + p.students[yi], 0);
  if (s.flags.oversized && rng.chance(0.7)) return [`学校规模${students}人，超过2000人`, true];
  return [rng.pick(GENERIC_FINDINGS), false];
}

/** About one visit per five schools over the three school years; older findings are mostly closed. */
export function* supervisionVisitRows(world: World): Generator<Row> {
  const rng = new Rng(world.seed, 'visits');
  const perYear = Math.round((world.schools.length * 0.2) / SCHOOL_YEARS.length);
  const weights = world.schools.map((s): [School, number] => [
    s, 1 + 2 * (1 - s.district.strength) + (s.flags.bigClass || s.flags.smallRoom || s.flags.oversized ? 3 : 0),
  ]);
  const visits: Array<Omit<Row, 'visit_id'>> = [];
  SCHOOL_YEARS.forEach((year, yi) => {
    const rectifiedChance = [0.95, 0.8, 0.45][yi] ?? 0.5;
    for (let k = 0; k < perYear; k++) {
      const school = rng.weighted(weights);
      let visited = addDays(isoDate(year, 9, 1), rng.int(0, 301));
      const weekday = new Date(`${visited}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) visited = addDays(visited, weekday === 6 ? 2 : 1);
      const [text, structural] = finding(school, rng, yi);
      const rectifiedOn = addDays(visited, rng.int(10, 150));
      const rectified = rng.chance(structural ? rectifiedChance * 0.5 : rectifiedChance) && rectifiedOn <= LAST_DAY;
      visits.push({
        school_code: school.code, visited_on: visited, finding: text,
        status: rectified ? 'rectified' : 'open', rectified_on: rectified ? rectifiedOn : '',
      });
    }
  });
  visits.sort((a, b) => (a.visited_on < b.visited_on ? -1 : a.visited_on > b.visited_on ? 1 : a.school_code < b.school_code ? -1 : a.school_code > b.school_code ? 1 : 0));
  const seq = new Map<string, number>();
  for (const v of visits) {
    const calendarYear = v.visited_on.slice(0, 4);
    const n = (seq.get(calendarYear) ?? 0) + 1;
    seq.set(calendarYear, n);
    yield { visit_id: `V${calendarYear}-${String(n).padStart(6, '0')}`, ...v };
  }
}
