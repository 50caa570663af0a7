/** The commit a result was produced by (docs/architecture.md "Outputs are reproducible"); null outside a git
 * checkout. */
import { execFileSync } from 'node:child_process';

export function gitCommit(cwd: string = __dirname): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    const sha = out.toString().trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : null;
  } catch {
    return null;
  }
}
