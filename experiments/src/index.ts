/**
 * What other packages use of the experiments: the catalogue and presets, the sweep runner and the report
 * writer (the public `scaling-lab` package wraps them as `runExperiment`). The CLI's entry is cli/main.ts.
 */
export * from './catalogue';
export { BACKEND_CHOICES } from './cli/commands/run';
export { DEFAULT_PRESET, defaultReportsRoot, defaultStoreDir, reportDir } from './paths';
export type { Progress } from './runner/progress';
export { defaultJobs, runSweep, type SweepOptions, type SweepOutcome } from './runner/run-experiment';
export { writeReportFromStores, type WrittenReport } from './runner/write-report';
