import { readdirSync } from 'node:fs';
import { createGraderPool } from '@tremplin/grader';
import { validateModuleFolder } from './src/index.ts';
const pool = createGraderPool({ size: 2 });
const root = 'test/fixtures/invalid';
for (const name of readdirSync(root).sort()) {
  const r = await validateModuleFolder(`${root}/${name}`, { lang: 'en', pool });
  const f = await validateModuleFolder(`${root}/${name}`, { lang: 'fr', pool });
  console.log(`== ${name}`);
  r.problems.forEach((p, i) => console.log(JSON.stringify({ file: p.file, line: p.line, path: p.path, code: p.code, en: p.message, fr: f.problems[i]!.message })));
}
await pool.close();
