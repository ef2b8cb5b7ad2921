import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { smoothedEta } from '../src/progress';
import { CLI, tempDir } from './helpers';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const plain = (s: string) => s.replace(/\r/g, '\n').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

describe('progress bars', () => {
  it('smooths the ETA over the whole run and waits for evidence', () => {
    expect(smoothedEta(1, 100, 0.5)).toBe('…');
    expect(smoothedEta(10, 100, 11)).toBe('1m39s');
    expect(smoothedEta(50, 100, 11)).toBe('11s');
    expect(smoothedEta(100, 100, 11)).toBe('0s');
  });

  // A real pseudo-terminal (util-linux `script`): Policy A's bar moves while Policy B boosts on the
  // main thread, and both bars end with what happened.
  it.skipIf(!hasScript)(
    'both policies’ bars move in a terminal and end with their outcome',
    () => {
      const out = tempDir('tty');
      const cmd = `${process.execPath} ${CLI} --dataset synthetic --synthetic-ratings 20000 --steps prepare,train --out ${out}`;
      const env: NodeJS.ProcessEnv = { ...process.env, MLFLOW_TRACKING_URI: '' };
      delete env.CI;
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env });
      expect(r.status).toBe(0);
      const text = plain(r.stdout);
      const bEnd = text.indexOf('B: boosting rounds: stopped early at round');
      expect(bEnd).toBeGreaterThan(0);
      expect(text).toMatch(/B: boosting rounds: stopped early at round (\d+), best (\d+)/);
      // Before B ended, A's bar had shown progress past 0 (it runs in a worker).
      const aBefore = [...text.slice(0, bEnd).matchAll(/A: iterations\s+\[[^\]]*\]\s+\d+% \| ETA \S+ \| (\d+)\/\d+/g)].map((m) => Number(m[1]));
      expect(Math.max(0, ...aBefore)).toBeGreaterThan(0);
      expect(text).toMatch(/A: iterations: (converged after \d+ iterations|stopped at the \d+-iteration limit without converging)/);
    },
    120_000,
  );
});
