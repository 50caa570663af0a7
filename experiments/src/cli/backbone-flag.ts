/** Resolves `--backbone <id>` against the registry, naming the flag and the choices when it is unknown. */
import { type Backbone, backboneIds, getBackbone, type StageSpec } from '@scaling-lab/backbones';
import { UsageError } from './errors';

export function backboneFromFlag(id: string): Backbone<StageSpec> {
  if (!backboneIds().includes(id)) {
    throw new UsageError(`--backbone: unknown backbone '${id}'; choose one of: ${backboneIds().join(', ')}`);
  }
  return getBackbone(id);
}
