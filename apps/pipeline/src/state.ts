import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StageName } from './options';

/** What a finished stage left behind; the runner skips a stage whose record is current. */
export type StageRecord = {
  readonly inputsHash: string;
  /** Output files, relative to the output directory. */
  readonly outputs: readonly string[];
  readonly finishedAt: string;
  readonly seconds: number;
  /** Stage-specific facts later stages and the summary read (run ids, metrics, paths). */
  readonly summary: Record<string, unknown>;
};

type StateFile = { format: 'abt-pipeline-state'; formatVersion: 1; stages: Partial<Record<StageName, StageRecord>> };

/** `<out>/state.json`, rewritten atomically after every stage so an interrupt never leaves half a file. */
export class PipelineState {
  readonly #file: string;
  #state: StateFile;

  constructor(readonly outDir: string) {
    this.#file = path.join(outDir, 'state.json');
    this.#state = PipelineState.#read(this.#file);
  }

  static #read(file: string): StateFile {
    if (!existsSync(file)) return { format: 'abt-pipeline-state', formatVersion: 1, stages: {} };
    try {
      const json = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
      if (json.format === 'abt-pipeline-state' && json.formatVersion === 1) return json;
    } catch {
      // An unreadable state file only costs a rerun: start afresh.
    }
    return { format: 'abt-pipeline-state', formatVersion: 1, stages: {} };
  }

  get(stage: StageName): StageRecord | undefined {
    return this.#state.stages[stage];
  }

  /** True when the stage ran with these inputs and all its outputs still exist. */
  isCurrent(stage: StageName, inputsHash: string): boolean {
    const rec = this.get(stage);
    return rec !== undefined && rec.inputsHash === inputsHash && rec.outputs.every((o) => existsSync(path.join(this.outDir, o)));
  }

  set(stage: StageName, record: StageRecord): void {
    this.#state.stages[stage] = record;
    mkdirSync(this.outDir, { recursive: true });
    const tmp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.#state, null, 2)}\n`);
    renameSync(tmp, this.#file);
  }
}

/** A stable hash of JSON-able inputs (object keys sorted). */
export function hashInputs(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex').slice(0, 32);
}

function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
    .join(',')}}`;
}
