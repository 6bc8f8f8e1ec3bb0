import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { printGraphQLSchema } from '../graphql/schema';

export const SCHEMA_FILE = path.join(projectRoot, 'schema', 'schema.graphql');

/** `emit` writes schema/schema.graphql; `check` fails when the committed file differs from the code. */
async function main(mode: string | undefined): Promise<number> {
  const sdl = await printGraphQLSchema();
  if (mode === 'emit') {
    fs.writeFileSync(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} (${sdl.split('\n').length} lines)\n`);
    return 0;
  }
  if (mode === 'check') {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed === sdl) {
      process.stdout.write('schema/schema.graphql is up to date\n');
      return 0;
    }
    process.stderr.write('schema/schema.graphql is stale: run `npm run schema:emit` and commit the result\n');
    return 1;
  }
  process.stderr.write('usage: schema.ts emit|check\n');
  return 2;
}

if (require.main === module) {
  main(process.argv[2]).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
