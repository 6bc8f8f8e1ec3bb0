import { accessMessages } from './access';
import { apiMessages } from './api';
import { commonMessages } from './common';
import { configMessages } from './config';
import { dossierMessages } from './dossiers';
import { engineMessages } from './engine';
import { ingestionMessages } from './ingestion';
import { lifecycleMessages } from './lifecycle';
import { limitMessages } from './limits';
import { pricingMessages } from './pricing';
import { protocolMessages } from './protocol';
import { reportMessages } from './reports';
import { supervisionMessages } from './supervision';
import { transportMessages } from './transport';
import { trendMessages } from './trend';

/**
 * The one message catalogue: every sentence the hub writes for people, keyed by code, zh-CN and en side by side.
 * Each area of the hub keeps its messages in its own file here; codes are unique across the whole catalogue
 * (the catalogue test checks it).
 */
export const catalogueParts = {
  common: commonMessages,
  api: apiMessages,
  access: accessMessages,
  transport: transportMessages,
  reports: reportMessages,
  ingestion: ingestionMessages,
  limits: limitMessages,
  supervision: supervisionMessages,
  protocol: protocolMessages,
  config: configMessages,
  trend: trendMessages,
  engine: engineMessages,
  lifecycle: lifecycleMessages,
  dossiers: dossierMessages,
  pricing: pricingMessages,
} as const;

type Parts = typeof catalogueParts;
type Union<T> = T extends unknown ? T : never;
type AllEntries = Union<Parts[keyof Parts]>;
type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
export type Catalogue = UnionToIntersection<AllEntries>;

export const catalogue: Catalogue = Object.assign({}, ...Object.values(catalogueParts)) as Catalogue;
