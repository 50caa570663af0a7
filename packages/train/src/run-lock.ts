/**
 * One process at a time per run directory: `<run>/run.lock`, created with O_EXCL, holds the owner's pid,
 * host and process start time. A lock whose owner is gone (same host, pid not running, or the pid reused by
 * a process that started later) is stale and taken over. Liveness by pid rather than a heartbeat file: a
 * training step can block the event loop for minutes, which a heartbeat would mistake for a dead owner.
 * A child process may work under its parent's lock (the runner locks, its child trains): see heldByParent.
 */
import { promises as fs, readFileSync, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDir } from '@scaling-lab/core';

export const LOCK_FILE = 'run.lock';
/** A lock file younger than this may still be being written by its creator; it is not judged yet. */
const FRESH_MS = 10_000;

export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  /** The owner process's start (kernel ticks since boot on Linux, else null): tells a reused pid apart. */
  readonly processStart: string | null;
  readonly acquiredAt: string;
}

export type LockAttempt =
  | { readonly acquired: true; readonly release: () => Promise<void> }
  | { readonly acquired: false; readonly owner: LockOwner; readonly file: string };

/** Field 22 of /proc/<pid>/stat (the start time), or null where there is no procfs. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStart(owner.pid);
  return owner.processStart === null || start === null || start === owner.processStart;
}

function me(): LockOwner {
  return {
    pid: process.pid,
    hostname: os.hostname(),
    processStart: processStart(process.pid),
    acquiredAt: new Date().toISOString(),
  };
}

async function readOwner(file: string): Promise<{ owner: LockOwner | null; ageMs: number } | null> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    let owner: LockOwner | null = null;
    try {
      owner = JSON.parse(text) as LockOwner;
    } catch {
      // Being written right now, or torn by a crash: judged by age below.
    }
    return { owner: typeof owner?.pid === 'number' ? owner : null, ageMs: Date.now() - stat.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** True when the lock can be taken over: its owner (on this host) is gone, or it is an old unreadable file. */
function isStale(found: { owner: LockOwner | null; ageMs: number }): boolean {
  if (found.owner === null) return found.ageMs > FRESH_MS;
  return found.owner.hostname === os.hostname() && !alive(found.owner);
}

/** Removes a stale lock under a short-lived breaker lock, so two processes never both break and take it. */
async function breakStale(file: string): Promise<void> {
  const breaker = `${file}.break`;
  let handle;
  try {
    handle = await fs.open(breaker, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A breaker killed mid-break leaves its file; it only ever lives for milliseconds.
    const stat = await fs.stat(breaker).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > FRESH_MS) await fs.rm(breaker, { force: true });
    return;
  }
  try {
    const found = await readOwner(file);
    if (found && isStale(found)) await fs.rm(file, { force: true });
  } finally {
    await handle.close();
    await fs.rm(breaker, { force: true });
  }
}

export interface LockOptions {
  /**
   * The pid of the parent process that holds the lock for us (a sweep runs each training in a child): the
   * lock is then only checked, never taken, so a child whose sweep was killed cannot claim the run itself.
   */
  readonly heldByParent?: number;
}

const UNKNOWN_OWNER: LockOwner = { pid: 0, hostname: 'unknown', processStart: null, acquiredAt: 'unknown' };

/** Takes the lock of `runDir` without waiting; not acquired when another live process holds it. */
export async function tryLockRun(runDir: string, options: LockOptions = {}): Promise<LockAttempt> {
  const file = path.join(runDir, LOCK_FILE);
  await ensureDir(runDir);
  if (options.heldByParent !== undefined) return checkParentLock(file, options.heldByParent);
  const owner = me();
  const text = JSON.stringify(owner);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const handle = await fs.open(file, 'wx');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { acquired: true, release: releaser(file, text) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const found = await readOwner(file);
    if (found === null) continue; // released meanwhile
    const holder = found.owner;
    if (holder && !isStale(found)) return { acquired: false, owner: holder, file };
    // A stale lock is broken (by us or a competitor); a fresh unreadable one is still being written.
    if (isStale(found)) await breakStale(file);
    await sleep(RETRY_MS);
  }
  const found = await readOwner(file);
  return { acquired: false, owner: found?.owner ?? UNKNOWN_OWNER, file };
}

async function checkParentLock(file: string, parent: number): Promise<LockAttempt> {
  const found = await readOwner(file);
  const holder = found?.owner;
  if (holder && holder.pid === parent && holder.hostname === os.hostname() && process.ppid === parent) {
    return { acquired: true, release: async () => undefined };
  }
  return { acquired: false, owner: holder ?? UNKNOWN_OWNER, file };
}

const ATTEMPTS = 50;
const RETRY_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Locks this process holds (file → its content), removed on exit so a normal exit or Ctrl-C never leaves one. */
const held = new Map<string, string>();

function removeIfOurs(file: string, text: string): void {
  try {
    if (readFileSync(file, 'utf8') === text) unlinkSync(file);
  } catch {
    // already gone
  }
}

process.on('exit', () => held.forEach((text, file) => removeIfOurs(file, text)));

function releaser(file: string, text: string): () => Promise<void> {
  held.set(file, text);
  return async () => {
    held.delete(file);
    removeIfOurs(file, text);
  };
}

export function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid} on ${owner.hostname} since ${owner.acquiredAt}`;
}
