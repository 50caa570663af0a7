/**
 * The new backbone's id: the rule it must follow, the clashes it must avoid, and the identifiers derived
 * from it. The id is also the package folder, the `@scaling-lab/<id>` alias, the family and the prefix of
 * its experiments (`<id>-compound`), so each of those must still be free.
 */
import { getProjects, names, type Tree } from '@nx/devkit';

/** Lowercase letters, digits and single dashes, starting with a letter (npm- and nx-safe, like 'resnet-50'). */
export const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ID_RULE = 'use lowercase letters, digits and single dashes, starting with a letter (e.g. mobilenet-v3-small)';

/** A refusal the generator reports as one line, naming the id and the rule it broke. */
export class BackboneIdError extends Error {
  override readonly name = 'BackboneIdError';
}

/** What is already taken: registered backbone ids and families (from the live registry). */
export interface TakenIds {
  readonly backbones: readonly string[];
  readonly families: readonly string[];
}

export function validateBackboneId(tree: Tree, id: unknown, taken: TakenIds): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new BackboneIdError(`invalid backbone id '${String(id)}': ${ID_RULE}`);
  }
  const clash = (what: string) =>
    new BackboneIdError(
      `backbone id '${id}' is taken: ${what}; a new backbone needs an id that no backbone, family, package or nx project uses`,
    );
  if (taken.backbones.includes(id)) throw clash('a registered backbone has this id');
  if (taken.families.includes(id)) throw clash(`the '${id}' family already has experiments`);
  if (tree.exists(`packages/${id}`)) throw clash(`packages/${id} already exists`);
  if (getProjects(tree).has(id)) throw clash(`an nx project is named '${id}'`);
  const tsconfig = tree.read('tsconfig.base.json', 'utf-8');
  if (tsconfig && JSON.parse(tsconfig).compilerOptions?.paths?.[`@scaling-lab/${id}`]) {
    throw clash(`the import alias @scaling-lab/${id} exists`);
  }
  return id;
}

/** Identifiers the templates use, e.g. 'demo-net' → DemoNet, demoNet, DEMO_NET, 'Demo-Net'. */
export interface BackboneNames {
  readonly id: string;
  /** Type prefix: `DemoNetStage`, `buildDemoNet`. */
  readonly className: string;
  /** The exported Backbone record: `demoNet`. */
  readonly propertyName: string;
  /** Constant prefix: `DEMO_NET_BASE`. */
  readonly constantName: string;
  /** Human name shown by `scaling-lab list`. */
  readonly title: string;
  /** tfjs model name: `demo_net`. */
  readonly modelName: string;
}

/**
 * Type names follow the human name's casing when it gives an identifier ('MobileNetV3-Small' →
 * `MobileNetV3SmallStage`, `mobileNetV3Small`), so a package reads like the other families; else the id's.
 */
export function backboneNames(id: string, title?: string): BackboneNames {
  const n = names(id);
  const fromTitle = title?.replace(/[^A-Za-z0-9]/g, '') ?? '';
  const className = /^[A-Za-z]/.test(fromTitle) ? fromTitle[0].toUpperCase() + fromTitle.slice(1) : n.className;
  return {
    id,
    className,
    propertyName: className[0].toLowerCase() + className.slice(1),
    constantName: n.constantName,
    title:
      title?.trim() ||
      id
        .split('-')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join('-'),
    modelName: id.replace(/-/g, '_'),
  };
}
