/**
 * `scaling-lab paper-tables`: our params and multiply-adds next to the EfficientNet paper's Tables 2 and 3,
 * written to <reports>/paper-tables/ (markdown, HTML, JSON). Builds every row without allocating weights.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { defaultReportsRoot } from '../../paths';
import { compareTable2, compareTable3 } from '../../paper-tables/compare';
import { writePaperTables } from '../../paper-tables/render';
import { useQuietCpuBackend } from '../tf-setup';

export function registerPaperTables(program: Command): void {
  program
    .command('paper-tables')
    .description("compare our params and multiply-adds with the EfficientNet paper's Tables 2 and 3")
    .option('--reports <dir>', 'reports directory (writes <dir>/paper-tables/)', defaultReportsRoot())
    .action(async (flags: { reports: string }) => {
      await useQuietCpuBackend();
      const table2 = compareTable2();
      const table3 = compareTable3();
      const dir = path.join(path.resolve(flags.reports), 'paper-tables');
      await writePaperTables(dir, table2, table3);
      const worst = (rows: typeof table2) =>
        (100 * Math.max(...rows.map((r) => Math.abs(r.flopsDeviation)))).toFixed(1);
      const single = table3.filter((r) => ['depth', 'width', 'resolution'].includes(r.kind));
      const reproducible = single.filter((r) => !r.irreproducible);
      process.stdout.write(
        `paper tables: Table 2 FLOPs within ${worst(table2)}%; Table 3 single-dimension rows within ${worst(reproducible)}% ` +
          `apart from ${single.length - reproducible.length} the paper's rules cannot produce (reasons in the table), ` +
          `compound rows within ${worst(table3.filter((r) => r.kind === 'compound'))}%; ${path.join(dir, 'paper-tables.md')}\n`,
      );
    });
}
