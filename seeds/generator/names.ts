// Plausible Chinese place and school names. Invented: any resemblance to a real school is chance.
import { Rng } from './random';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numeral for 1..999: 3 → 三, 12 → 十二, 20 → 二十, 105 → 一百零五. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const rest = n % 100;
  const head = DIGITS[Math.floor(n / 100)] + '百';
  if (rest === 0) return head;
  return head + (rest < 10 ? '零' + DIGITS[rest] : rest < 20 ? '一' + chineseNumber(rest) : chineseNumber(rest));
}

const FIRST = [
  '龙', '高', '双', '青', '石', '白', '新', '大', '东', '西', '南', '北', '三', '金', '凤', '黄', '马', '柏', '红',
  '长', '平', '安', '兴', '太', '永', '宝', '清', '云', '华', '桃', '李', '沙', '鹿', '观', '罗', '鱼', '古', '乐',
  '上', '中', '河', '盐', '铁', '茶', '竹', '松', '杨', '梅', '莲', '溪', '万', '福', '寿', '明', '丰', '仁',
];
const SECOND = [
  '驹', '燕', '河', '山', '溪', '坝', '桥', '坪', '湾', '口', '岩', '林', '塘', '池', '田', '场', '水', '峰', '家',
  '庙', '阳', '沟', '江', '寺', '岭', '坡', '滩', '湖', '城', '关', '垭', '坳', '井', '台', '园', '岗', '堡',
];
const URBAN_STYLE = ['实验', '育才', '树人', '人和', '滨江', '天星', '嘉陵', '鲁能', '金科', '龙湖', '巴蜀', '新城',
  '南开', '求精', '朝阳', '德精', '星光', '康庄', '科学城', '江南', '珊瑚', '望江', '宏帆', '博雅', '西南'];

export function placeName(rng: Rng): string {
  return rng.pick(FIRST) + rng.pick(SECOND);
}

/** Town (镇) names for one district, distinct. */
export function townNames(rng: Rng, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) seen.add(placeName(rng));
  return [...seen];
}

export function urbanStyleName(rng: Rng): string {
  return rng.chance(0.5) ? rng.pick(URBAN_STYLE) : placeName(rng);
}
