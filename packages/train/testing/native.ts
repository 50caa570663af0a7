// Gate for the tests that exercise the oneDNN addon. Where the addon loads they run; where it does not,
// they are reported as skipped with the reason in their title (never as passing), and with
// SCALING_LAB_REQUIRE_NATIVE=1 (set in CI, which always builds the addon) an absent addon fails the suite.
import { loadAddon, type NativeAddon } from '@scaling-lab/native';

export const REQUIRE_NATIVE_ENV = 'SCALING_LAB_REQUIRE_NATIVE';

const load = loadAddon();

/** The loaded addon; only call from inside `describeWithNative`. */
export function addon(): NativeAddon {
  if (!load.ok) throw new Error(`native addon unavailable: ${load.reason}`);
  return load.addon;
}

export function describeWithNative(name: string, body: () => void): void {
  if (load.ok) {
    describe(name, body);
  } else if (process.env[REQUIRE_NATIVE_ENV] === '1') {
    describe(name, () => {
      it(`needs the native addon (${REQUIRE_NATIVE_ENV}=1)`, () => {
        throw new Error(`native addon unavailable: ${load.reason}`);
      });
    });
  } else {
    process.stderr.write(`not run: ${name}: native addon unavailable (${load.reason})\n`);
    describe.skip(`${name} [not run: native addon unavailable: ${load.reason}]`, body);
  }
}
