// Public API of @scaling-lab/run-record: the run record defined once, from plan to report.
export { LIMITS } from './limits';
export { AUGMENTS, OPTIMIZERS, RecipeSchema, SCHEDULES } from './recipe';
export type { AugmentName, OptimizerName, Recipe, ScheduleName } from './recipe';
export { CoefficientsSchema, DATASET_PATTERN, DatasetSchema, LineSchema, RunSpecSchema, ScaleSchema } from './run-spec';
export type { Coefficients, DatasetRef, Line, RunSpec, Scale } from './run-spec';
export { MeasuredSchema, RunResultSchema } from './measured';
export type { Measured, RunResult } from './measured';
export { NotPlannedError, pointKey, RESULT_COLUMNS, ResultRowSchema, toResultRows } from './result-row';
export type { ResultColumn, ResultRow } from './result-row';
export { canonicalJson, runKey } from './run-key';
export { describeIssue, parseJsonWith, parseWith, RecordError } from './validate';
// Sample records for tests.
