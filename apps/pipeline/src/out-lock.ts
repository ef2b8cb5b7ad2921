import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PipelineError } from './errors';
import { messages } from './messages';

/** This invocation: its id (tagged on every MLflow run it opens) and the lock it holds on `--out`. */
export type Invocation = {
  readonly id: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAt: number;
  /** A stale lock this invocation took over (the process that held it is gone). */
  readonly tookOver?: { readonly pid: number; readonly startedAt: string };
  release(): void;
};

export const LOCK_FILE = '.abt-pipeline.lock';

type LockBody = { pid: number; host: string; invocation: string; startedAt: string; argv: string[] };

/** Whether a process is alive (signal 0 checks without sending; EPERM means alive but not ours). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<out>/.abt-pipeline.lock` (created exclusively), so two invocations never run the same
 * stages on one output directory and log every run twice. A lock whose process is gone (kill -9,
 * a crash) is taken over and reported; a live one is refused, naming its process.
 */
export function lockOut(out: string, argv: readonly string[]): Invocation {
  const file = path.join(out, LOCK_FILE);
  const me: LockBody = {
    pid: process.pid,
    host: os.hostname(),
    invocation: randomUUID().replace(/-/g, ''),
    startedAt: new Date().toISOString(),
    argv: [...argv],
  };
  let tookOver: Invocation['tookOver'];
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if ((JSON.parse(readFileSync(file, 'utf8')) as LockBody).invocation === me.invocation) rmSync(file, { force: true });
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return { id: me.invocation, pid: me.pid, host: me.host, startedAt: Date.parse(me.startedAt), ...(tookOver ? { tookOver } : {}), release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockBody | undefined;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as LockBody;
      } catch {
        holder = undefined; // half-written or unreadable: treat as stale
      }
      if (holder && holder.host === me.host && alive(holder.pid)) {
        throw new PipelineError('other', messages.outLocked(out, holder.pid, holder.startedAt, holder.argv.join(' ')));
      }
      if (holder && holder.host !== me.host) throw new PipelineError('other', messages.outLockedElsewhere(out, holder.host, holder.pid, file));
      tookOver = { pid: holder?.pid ?? 0, startedAt: holder?.startedAt ?? 'unknown' };
      rmSync(file, { force: true });
    }
  }
  throw new PipelineError('other', messages.outLockRace(out, file));
}
