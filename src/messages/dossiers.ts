import { defineMessages } from './define';

/** Evaluation dossiers and the evaluation as of an instant (可追溯, #16.3). */
export const dossierMessages = defineMessages({
  DOSSIER_AS_OF_IN_FUTURE: {
    'zh-CN': (p: { asOf: string }) => `不能按未来的时刻 ${p.asOf} 固化评估档案：该时刻的数据尚不存在`,
    en: (p) => `a dossier cannot be frozen as of ${p.asOf}, an instant in the future: its data does not exist yet`,
    example: { asOf: '2099-01-01T00:00:00.000Z' },
  },
  DOSSIER_NOTHING_TO_FREEZE: {
    'zh-CN': (p: { code: string; asOf: string }) => `区县 ${p.code} 在 ${p.asOf} 尚无任何数据，没有可固化的评估`,
    en: (p) => `district ${p.code} had no data at ${p.asOf}: there is no evaluation to freeze`,
    example: { code: '500101', asOf: '2020-01-01T00:00:00.000Z' },
  },
  EVALUATION_NOT_DELIVERED_YET: {
    'zh-CN': (p: { code: string; asOf: string }) => `区县 ${p.code} 在 ${p.asOf} 尚无任何数据，无法按当时的数据评估`,
    en: (p) => `district ${p.code} had no data at ${p.asOf}: there is nothing to evaluate as of then`,
    example: { code: '500101', asOf: '2020-01-01T00:00:00.000Z' },
  },
  DOSSIER_NOT_FOUND: {
    'zh-CN': (p: { id: string }) => `没有编号为 ${p.id} 的评估档案（或无权查看）`,
    en: (p) => `no evaluation dossier ${p.id} (or not yours to read)`,
    example: { id: '42' },
  },
  DOSSIER_DIFFERENT_DISTRICTS: {
    'zh-CN': (p: { from: string; to: string }) => `两份档案属于不同区县（${p.from} 与 ${p.to}），不能比较`,
    en: (p) => `the two dossiers are of different districts (${p.from} and ${p.to}) and cannot be compared`,
    example: { from: '500101', to: '500102' },
  },
  CERTIFICATION_STAGE_IN_FUTURE: {
    'zh-CN': (p: { reachedOn: string; today: string }) => `认定阶段的日期 ${p.reachedOn} 晚于今天（${p.today}）：只记录已经到达的阶段`,
    en: (p) => `the stage's date ${p.reachedOn} is after today (${p.today}): only stages already reached are recorded`,
    example: { reachedOn: '2099-01-01', today: '2026-12-02' },
  },
  CERTIFICATION_DOSSIER_OTHER_DISTRICT: {
    'zh-CN': (p: { dossier: string; code: string }) => `评估档案 ${p.dossier} 不属于区县 ${p.code}`,
    en: (p) => `evaluation dossier ${p.dossier} is not one of district ${p.code}`,
    example: { dossier: '42', code: '500101' },
  },
});
