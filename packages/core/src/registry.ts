/**
 * The one backbone registry: backbone packages are registered here (see @scaling-lab/backbones) and the
 * CLI, runner, tests and generator discover them from it.
 */
import type { Backbone, StageSpec } from './types';

const registered = new Map<string, Backbone<StageSpec>>();

export class UnknownBackboneError extends Error {
  override readonly name = 'UnknownBackboneError';
  constructor(readonly id: string) {
    super(`unknown backbone '${id}'; choose one of: ${backboneIds().join(', ')}`);
  }
}

export function registerBackbone<S extends StageSpec>(backbone: Backbone<S>): void {
  const existing = registered.get(backbone.id);
  if (existing && existing !== (backbone as unknown as Backbone<StageSpec>)) {
    throw new Error(`backbone id '${backbone.id}' is registered twice`);
  }
  registered.set(backbone.id, backbone as unknown as Backbone<StageSpec>);
}

export function getBackbone(id: string): Backbone<StageSpec> {
  const backbone = registered.get(id);
  if (!backbone) throw new UnknownBackboneError(id);
  return backbone;
}

export function listBackbones(): Backbone<StageSpec>[] {
  return [...registered.values()];
}

export function backboneIds(): string[] {
  return [...registered.keys()];
}

/** Families in registration order, each with its member ids. */
export function listFamilies(): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const b of registered.values()) {
    families.set(b.family, [...(families.get(b.family) ?? []), b.id]);
  }
  return families;
}
