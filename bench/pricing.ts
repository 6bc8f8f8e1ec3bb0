// The cost to qualify: time to choose the cheapest plan of one failing school part (docs/planning.md).
// npx ts-node --transpile-only bench/pricing.ts
import { schoolRule } from '../src/compliance';
import { pricingOf } from '../src/compliance/school-rule';
import { cheapestPlan } from '../src/compliance/pricing';
import { school, stage } from '../test/unit/compliance/fixtures';
const r = schoolRule(school('S1', { schoolType: 'primary', stages: [stage('primary', { sportsAreaM2: '3000', multimediaRooms: 10 })] }), 'primary');
const p = pricingOf(r)!;
const N = 10000;
for (let i = 0; i < 500; i++) cheapestPlan('primary', p.inputs, { schoolRule: p.schoolRule });
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) cheapestPlan('primary', p.inputs, { schoolRule: p.schoolRule });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`${N} plans in ${ms.toFixed(0)} ms: ${(ms * 1000 / N).toFixed(1)} µs per failing part`);
