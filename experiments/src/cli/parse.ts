/**
 * Validators for flag values: each turns a string into a typed value or throws a UsageError naming the
 * flag, the bad value and the allowed range.
 */
import { UsageError } from './errors';

/** Plain decimal notation only (1, 0.5, .5, 1e-3): Number() would also take 0x10, 0b1, 0o7 and Infinity. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function decimal(raw: string): number {
  return DECIMAL.test(raw.trim()) ? Number(raw) : Number.NaN;
}

export function positiveNumber(flag: string, max: number, example: string) {
  return (raw: string): number => {
    const value = decimal(raw);
    if (!Number.isFinite(value) || value <= 0 || value > max) {
      throw new UsageError(`${flag} must be a number in (0, ${max}], got '${raw}' (e.g. ${flag} ${example})`);
    }
    return value;
  };
}

export function finiteNumber(flag: string, min: number, max: number, example: string) {
  return (raw: string): number => {
    const value = decimal(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new UsageError(`${flag} must be a number in [${min}, ${max}], got '${raw}' (e.g. ${flag} ${example})`);
    }
    return value;
  };
}

export function integerInRange(flag: string, min: number, max: number, example: string) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^\s*-?\d+\s*$/.test(raw) || value < min || value > max) {
      throw new UsageError(`${flag} must be an integer in [${min}, ${max}], got '${raw}' (e.g. ${flag} ${example})`);
    }
    return value;
  };
}

export function oneOf<T extends string>(flag: string, allowed: readonly T[]) {
  return (raw: string): T => {
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got '${raw}'`);
    }
    return raw as T;
  };
}
