/**
 * The winner of a coefficient search, saved per backbone and preset where `run --coefficients searched`
 * finds it: `.scaling-lab/coefficients/<backbone>.json` for the default preset and
 * `.scaling-lab/coefficients/<preset>/<backbone>.json` for the others (like reports), so a smoke search
 * never replaces a real one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '@scaling-lab/core';
import type { CompoundCoefficients } from '@scaling-lab/scaling';
import type { PresetId } from '../catalogue/presets';
import { DEFAULT_PRESET, WORKSPACE_ROOT } from '../paths';

export interface SavedCoefficients {
  readonly backbone: string;
  readonly preset: PresetId;
  readonly dataset: string;
  readonly coefficients: CompoundCoefficients;
  readonly label: string;
  readonly realFlopsRatio: number;
  readonly top1Mean: number;
  readonly top1Sd: number | null;
  readonly seeds: number;
  /** The paper's coefficients' mean top-1 in the same search, when they finished. */
  readonly paperTop1Mean: number | null;
  readonly grid: { readonly step: number; readonly tolerance: number; readonly candidates: number };
  readonly verdict: string;
  readonly savedAt: string;
}

export function defaultCoefficientsDir(): string {
  return path.join(WORKSPACE_ROOT, '.scaling-lab', 'coefficients');
}

export function coefficientsFile(dir: string, backbone: string, preset: PresetId): string {
  return preset === DEFAULT_PRESET ? path.join(dir, `${backbone}.json`) : path.join(dir, preset, `${backbone}.json`);
}

export async function saveCoefficients(file: string, saved: SavedCoefficients): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(saved, null, 2)}\n`);
}

/** A missing or unreadable search result; the message names the command that produces it. */
export class NoSavedSearchError extends Error {
  override readonly name = 'NoSavedSearchError';
  readonly usage = true;
}

/** The saved winner's coefficients, checked like a config file's (each in [1, 4]). */
export function loadSearchedCoefficients(dir: string, backbone: string, preset: PresetId): CompoundCoefficients {
  const file = coefficientsFile(dir, backbone, preset);
  const command = `scaling-lab search --backbone ${backbone}${preset === DEFAULT_PRESET ? '' : ` --preset ${preset}`}`;
  let parsed: { coefficients?: Record<string, unknown> };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no saved search' : 'unreadable saved search';
    throw new NoSavedSearchError(
      `--coefficients searched: ${reason} for ${backbone} (preset ${preset}) at ${file}; run '${command}' first`,
    );
  }
  const c = parsed?.coefficients ?? {};
  for (const key of ['alpha', 'beta', 'gamma']) {
    const v = c[key];
    if (typeof v !== 'number' || !(v >= 1 && v <= 4)) {
      throw new NoSavedSearchError(
        `--coefficients searched: ${file} has no valid ${key} (got ${JSON.stringify(v)}); rerun '${command}'`,
      );
    }
  }
  return { alpha: c.alpha as number, beta: c.beta as number, gamma: c.gamma as number };
}
