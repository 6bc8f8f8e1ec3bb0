import { defineMessages } from './define';
import { num } from './format';

/** What `npm start` tells the person at the terminal: the database, the first start's demo load, where to go next. */
export const lifecycleMessages = defineMessages({
  LIFECYCLE_DATABASE_STARTING: {
    'zh-CN': (p: { dataDir: string }) => `正在启动内置 PostgreSQL（数据目录 ${p.dataDir}）…`,
    en: (p) => `starting the embedded PostgreSQL (data folder ${p.dataDir})…`,
    example: { dataDir: '/srv/junheng/.data/postgres' },
  },
  LIFECYCLE_DATABASE_EMBEDDED: {
    'zh-CN': (p: { port: number; dataDir: string; joined: boolean }) =>
      `内置 PostgreSQL，端口 ${p.port}，数据目录 ${p.dataDir}${p.joined ? '（与已在运行的进程共用）' : ''}`,
    en: (p) => `embedded PostgreSQL on port ${p.port}, data in ${p.dataDir}${p.joined ? ' (shared with a process already running)' : ''}`,
    example: { port: 41337, dataDir: '/srv/junheng/.data/postgres', joined: false as boolean },
  },
  LIFECYCLE_DATABASE_URL: {
    'zh-CN': () => 'DATABASE_URL 指定的 PostgreSQL',
    en: () => 'the PostgreSQL at DATABASE_URL',
    example: {},
  },
  LIFECYCLE_DEMO_START: {
    'zh-CN': (p: { datasets: number }) => `数据库为空：正在载入演示数据（${num('zh-CN', p.datasets)} 个数据集，首次启动约需一两分钟；中途中断也无妨，下次启动会接着载入）…`,
    en: (p) => `empty database: loading the demo data (${num('en', p.datasets)} datasets; the first start takes a minute or two, and an interrupted load resumes at the next start)…`,
    example: { datasets: 13 },
  },
  LIFECYCLE_DEMO_RESUME: {
    'zh-CN': (p: { loaded: number; total: number }) => `上次启动未载完演示数据（已载入 ${num('zh-CN', p.loaded)}/${num('zh-CN', p.total)} 个数据集）：正在载入其余数据集…`,
    en: (p) => `the last start did not finish loading the demo data (${num('en', p.loaded)} of ${num('en', p.total)} datasets loaded): loading the rest…`,
    example: { loaded: 4, total: 13 },
  },
  LIFECYCLE_DEMO_DATASET: {
    'zh-CN': (p: { index: number; total: number; dataset: string; rows: number; seconds: string }) =>
      `  [${p.index}/${p.total}] 数据集 ${p.dataset}：${num('zh-CN', p.rows)} 行，用时 ${p.seconds} 秒`,
    en: (p) => `  [${p.index}/${p.total}] ${p.dataset}: ${num('en', p.rows)} rows in ${p.seconds} s`,
    example: { index: 5, total: 13, dataset: 'teacher_postings', rows: 152340, seconds: '21.4' },
  },
  LIFECYCLE_DEMO_READING: {
    'zh-CN': (p: { dataset: string; rows: number }) => `        数据集 ${p.dataset}：已读取 ${num('zh-CN', p.rows)} 行…`,
    en: (p) => `        ${p.dataset}: ${num('en', p.rows)} rows read…`,
    example: { dataset: 'teacher_postings', rows: 80000 },
  },
  LIFECYCLE_DEMO_DONE: {
    'zh-CN': (p: { seconds: string }) => `演示数据已全部载入，用时 ${p.seconds} 秒`,
    en: (p) => `the demo data is loaded, in ${p.seconds} s`,
    example: { seconds: '74.2' },
  },
  LIFECYCLE_DEMO_INCOMPLETE_KEPT: {
    'zh-CN': (p: { loaded: number; total: number }) =>
      `演示数据不完整（已载入 ${num('zh-CN', p.loaded)}/${num('zh-CN', p.total)} 个数据集），但库中已有其他导入，未自动补载：如需完整演示数据，请停止服务、删除数据目录后重新启动`,
    en: (p) =>
      `the demo data is incomplete (${num('en', p.loaded)} of ${num('en', p.total)} datasets) and other imports were made since, so it is not completed automatically: to get the full demo, stop the hub, delete the data folder and start again`,
    example: { loaded: 4, total: 13 },
  },
  LIFECYCLE_SERVING: {
    'zh-CN': (p: { url: string; districts: number; schools: number; teacherPostings: number; database: string; embedded: boolean }) =>
      `均衡（Junheng）已启动，GraphQL 地址 ${p.url}\n` +
      `  现有 ${num('zh-CN', p.districts)} 个区县、${num('zh-CN', p.schools)} 所学校、${num('zh-CN', p.teacherPostings)} 条教师岗位记录\n` +
      `  数据库：${p.database}\n` +
      `  按 Ctrl-C 停止服务${p.embedded ? '（没有其他进程使用时，内置数据库随之停止）' : ''}。`,
    en: (p) =>
      `Junheng (均衡) is serving GraphQL at ${p.url}\n` +
      `  holds ${num('en', p.districts)} districts, ${num('en', p.schools)} schools, ${num('en', p.teacherPostings)} teacher postings\n` +
      `  database: ${p.database}\n` +
      `  Ctrl-C stops the server${p.embedded ? ' (and the embedded database when no other process uses it)' : ''}.`,
    example: { url: 'http://localhost:4000/graphql', districts: 41, schools: 1500, teacherPostings: 152340, database: 'embedded PostgreSQL on port 41337', embedded: true as boolean },
  },
  LIFECYCLE_DEMO_TOKENS: {
    'zh-CN': () => '演示令牌（开发密钥；在 /graphql 的查询工具中：Headers → Authorization: Bearer <令牌>）：',
    en: () => 'Demo tokens (development secret; in the IDE at /graphql: Headers → Authorization: Bearer <token>):',
    example: {},
  },
});
