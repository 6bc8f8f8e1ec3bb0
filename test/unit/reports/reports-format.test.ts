import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { contentDisposition } from '../../../src/reports/reports.router';
import { columnWidths, displayWidth, wrappedLines } from '../../../src/reports/xlsx';
import { pageTexts } from '../../../src/reports/overview';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('the map of the districts', () => {
  const map = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/reports/assets/chongqing-districts.geojson'), 'utf8'));
  const districts: { code: string; name: string; kind: string }[] = parse(fs.readFileSync(path.join(ROOT, 'seeds/chongqing-districts.csv')), { columns: true });

  test('has one boundary per administrative district, with today’s code and name; the functional zones have none', () => {
    const drawn = Object.fromEntries(map.features.map((f: { id: string; properties: { code: string; name: string } }) => [f.properties.code, f.properties.name]));
    const administrative = districts.filter((d) => d.kind !== 'functional_zone');
    expect(administrative).toHaveLength(38);
    expect(drawn).toEqual(Object.fromEntries(administrative.map((d) => [d.code, d.name])));
    for (const f of map.features) expect(f.id).toBe(f.properties.code);
    expect(map.UTF8Encoding).toBe(true);
  });
});

describe('download names', () => {
  test('the name in the report’s language as RFC 5987 filename*, an ASCII filename beside it', () => {
    expect(contentDisposition('沙坪坝区-2024年优质均衡评估.xlsx', 'evaluation-500106-2024.xlsx')).toBe(
      `attachment; filename="evaluation-500106-2024.xlsx"; filename*=UTF-8''%E6%B2%99%E5%9D%AA%E5%9D%9D%E5%8C%BA-2024%E5%B9%B4%E4%BC%98%E8%B4%A8%E5%9D%87%E8%A1%A1%E8%AF%84%E4%BC%B0.xlsx`,
    );
  });

  test('characters no file system takes, quotes and RFC 5987 specials are neutralised', () => {
    const header = contentDisposition(`a/b:c*"d' (e).xlsx`, 'x "y"\r\n.xlsx');
    expect(header).toBe(`attachment; filename="x__y___.xlsx"; filename*=UTF-8''a_b_c__d%27%20%28e%29.xlsx`);
  });
});

describe('sizing cells for CJK text', () => {
  test('a CJK character is two columns wide, Latin one', () => {
    expect(displayWidth('沙坪坝区')).toBe(8);
    expect(displayWidth('R5 m²')).toBe(5);
    expect(displayWidth('（教督〔2017〕6号）')).toBe(7 * 2 + 4 + 1);
  });

  test('wrapped lines count every line break and the width', () => {
    expect(wrappedLines('一二三四五六七八九十', 12)).toBe(2);
    expect(wrappedLines('a\nb\nc', 40)).toBe(3);
  });

  test('columns grow to their text up to their maximum', () => {
    const widths = columnWidths({
      slug: 't', name: 't', note: '', orientation: 'portrait',
      columns: [{ header: '区县', max: 30 }, { header: '说明', max: 20 }, { header: 'Expenditure (yuan)', max: 20, numFmt: '#,##0.00' }],
      rows: [['渝中区', '一'.repeat(50), 105000000.5]],
    });
    expect(widths).toEqual([8, 22, 16]);
  });
});

describe('the page’s texts', () => {
  test('templates keep their placeholders for the script to fill', () => {
    expect(pageTexts('zh-CN').PAGE_READY).toBe('{year} 年 · {count} 个区县');
    expect(pageTexts('en').PAGE_READY).toBe('{year} · {count} districts');
    expect(pageTexts('en').VERDICT_QUALIFIED).toBe('Qualified');
  });
});
