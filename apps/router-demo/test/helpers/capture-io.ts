import type { CliIO } from '../../src/index';

/** An in-memory CliIO: what a command printed, split by stream. */
export function captureIO(env: Record<string, string | undefined> = {}): CliIO & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (l) => void stdout.push(l), err: (l) => void stderr.push(l), env, stdout, stderr, text: () => stdout.join('\n') };
}
