// For tests that need a solution to use a given CPU time in the sandbox: a loop whose turns are
// counted against the sandbox's own measure, so that the figures hold on a loaded or slower machine,
// where a wall-clock wait would not.
import type { GraderPool } from './types.ts';

const LOOP = 'let x = 0; for (let i = 0; i < turns; i++) x = (x * 31 + i) % 1000003; return x;';

/** Solution code defining `burn(turns)`, a CPU-bound loop. */
export const BURN_SOURCE = `const burn = (turns) => { ${LOOP} };\n`;

const SAMPLE_TURNS = 10_000_000;

/**
 * How many turns of `burn` take about `cpuMs` of CPU in this pool's sandbox: the median of three
 * measured runs (the first also warms the worker).
 */
export async function turnsForCpuMs(pool: GraderPool, cpuMs: number): Promise<number> {
  const measured: number[] = [];
  for (let i = 0; i < 3; i++) {
    const result = await pool.grade({
      language: 'javascript',
      solution: `${BURN_SOURCE}export const spin = () => burn(${SAMPLE_TURNS});\n`,
      tests: "import { spin } from './spin';\ntest('spin', () => { spin(); });\n",
      limits: { cpuMsPerTest: 5000, cpuMs: 10_000, wallMs: 20_000 },
    });
    const used = result.tests[0]?.cpuMs;
    if (result.status !== 'pass' || !used) throw new Error(`calibration failed: ${JSON.stringify(result)}`);
    measured.push(used);
  }
  const median = measured.sort((a, b) => a - b)[1]!;
  return Math.round((SAMPLE_TURNS * cpuMs) / median);
}
