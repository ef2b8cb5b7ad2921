// A real redis-server (Debian's) for tests of Redis-backed stores: a free loopback port, a temp
// dir, AOF with appendfsync always (nothing acknowledged is lost on restart), stopped by process group.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkArity } from '../check-args';

/** A redis-server child process started by {@link startRedisServer}. */
export type RedisServer = {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM to its process group; SIGKILL with `{ kill: true }`). */
  stop(options?: { kill?: boolean }): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
};

/** Path of `redis-server`; throws naming the package to install when it is missing. */
export function redisServerBinary(): string {
  checkArity('redisServerBinary', arguments, 0);
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('redis-server is not installed: apt-get install -y redis-server (.ci/run does)');
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  checkArity('freePort', arguments, 0);
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts `redis-server` on a free port of 127.0.0.1 in a temp directory (AOF on, `appendfsync
 * always`), waits until it answers PING, and returns how to stop, restart and dispose of it.
 */
export async function startRedisServer(): Promise<RedisServer> {
  checkArity('startRedisServer', arguments, 0);
  const bin = redisServerBinary();
  const dir = mkdtempSync(path.join(tmpdir(), 'abt-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const c = spawn(
      bin,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--daemonize',
        'no',
        '--logfile',
        path.join(dir, 'redis.log'),
      ],
      { detached: true, stdio: 'ignore' },
    );
    child = c;
    for (let i = 0; i < 100; i++) {
      if (c.exitCode !== null) throw new Error(`redis-server exited with ${c.exitCode} (log: ${path.join(dir, 'redis.log')})`);
      if (await ping(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not answer PING within 5 s');
  };
  const stop = async ({ kill = false } = {}) => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    try {
      process.kill(-(c.pid as number), kill ? 'SIGKILL' : 'SIGTERM');
    } catch {
      return;
    }
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
