/**
 * The indicator registry. Adding an indicator = one row in standards.ts + one function + one line here.
 */
import type { ResourceCode } from '../standards';
import type { DistrictIndicator } from './district';
import { g03, g04, g05, g06, g07, g08, g09, g11, g12, g13, g14, g15 } from './guarantee';
import { q01, q02, q04, q09, s01 } from './quality';
import { g01, g02, g10, q03, q05, q06, q07, q08, v01, v02, v03 } from './rated';
import { r1, r2, r3, r4, r5, r6, r7, type ResourceIndicator } from './resource';

/** R1–R7: per school and stage, judged by the school rule and the spreads. */
export const RESOURCE_INDICATORS: Readonly<Record<ResourceCode, ResourceIndicator>> = { R1: r1, R2: r2, R3: r3, R4: r4, R5: r5, R6: r6, R7: r7 };

/** Every district-level indicator (G, Q, S, V), by code; the standard's row says which part it belongs to. */
export const DISTRICT_INDICATORS: Readonly<Record<string, DistrictIndicator>> = {
  G01: g01, G02: g02, G03: g03, G04: g04, G05: g05, G06: g06, G07: g07, G08: g08,
  G09: g09, G10: g10, G11: g11, G12: g12, G13: g13, G14: g14, G15: g15,
  Q01: q01, Q02: q02, Q03: q03, Q04: q04, Q05: q05, Q06: q06, Q07: q07, Q08: q08, Q09: q09,
  S01: s01,
  V01: v01, V02: v02, V03: v03,
};

export type { DistrictIndicator } from './district';
export type { ResourceIndicator, ResourceMeasurement } from './resource';
export { g01, g02, g03, g04, g05, g06, g07, g08, g09, g10, g11, g12, g13, g14, g15 };
export { q01, q02, q03, q04, q05, q06, q07, q08, q09, s01, v01, v02, v03 };
export { r1, r2, r3, r4, r5, r6, r7 };
export { rated, veto } from './rated';
export { resourceValue } from './resource';
export { subjectReading } from './quality';
