/**
 * The public API of Scaling Lab: build any registered backbone at any scale, profile it, plan a
 * FLOPs-matched ladder and run an experiment. See docs/api.md.
 */
export { createModel, type CreateModelOptions } from './create-model';
export { planLadder, type PlanLadderOptions } from './plan-ladder';
export { runExperiment, type BackendChoice, type ExperimentOutcome, type RunExperimentOptions } from './run-experiment';
export {
  type Backbone,
  backboneIds,
  getBackbone,
  type LayerProfile,
  listBackbones,
  type ModelProfile,
  profileModel,
  registerBackbone,
  type StageSpec,
  UnknownBackboneError,
} from '@scaling-lab/backbones';
export {
  type CompoundCoefficients,
  PAPER_COEFFICIENTS,
  type ScaleRequest,
  type SolvedLadder,
  type SolvedStep,
  STRATEGIES,
  type StrategyId,
} from '@scaling-lab/scaling';
// Types only: the runner and its report renderer (vega, resvg) load when runExperiment is first called.
export type { PresetId, Progress } from '@scaling-lab/experiments';
