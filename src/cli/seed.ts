import 'reflect-metadata';
import { config } from '../config';
import { openDatabase } from '../db/open';
import { holdings, loadGenerated } from '../../seeds/load';

/** `npm run seed -- [--scale demo|city|province] [--seed N]`: loads generated data through the importer. */
async function main(argv: string[]): Promise<number> {
  const scale = argv.includes('--scale') ? argv[argv.indexOf('--scale') + 1] : 'demo';
  const seedArg = argv.includes('--seed') ? Number(argv[argv.indexOf('--seed') + 1]) : undefined;
  if (scale !== 'demo' && scale !== 'city' && scale !== 'province') {
    process.stderr.write(`--scale must be demo, city or province (got ${scale})\n`);
    return 2;
  }
  if (seedArg !== undefined && !Number.isSafeInteger(seedArg)) {
    process.stderr.write('--seed must be a whole number\n');
    return 2;
  }
  const db = await openDatabase(config(), { applicationName: 'junheng-seed' });
  try {
    const started = Date.now();
    process.stderr.write(`loading ${scale}-scale data through the importer\n`);
    await loadGenerated(db.ds, { scale, seed: seedArg }, ({ dataset, summary }) => {
      const rate = summary.durationMs > 0 ? Math.round((summary.rowsTotal / summary.durationMs) * 1000) : 0;
      process.stderr.write(
        `  ${dataset.padEnd(22)} ${String(summary.rowsTotal).padStart(8)} rows  ` +
          `${summary.alreadyImported ? 'already imported' : `+${summary.rowsInserted} ~${summary.rowsUpdated} =${summary.rowsUnchanged}`}  ` +
          `${(summary.durationMs / 1000).toFixed(1)} s (${rate.toLocaleString('en')} rows/s)\n`,
      );
    });
    const held = await holdings(db.ds);
    process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${held.districts} districts, ${held.schools} schools, ${held.teacherPostings} teacher postings\n`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
