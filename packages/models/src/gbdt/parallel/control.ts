/**
 * Layout of the shared control block between the main thread and the histogram workers
 * (an Int32Array over a SharedArrayBuffer, driven with Atomics).
 */
export const C_GEN = 0; // bumped by the main thread for each job; workers wait on it
export const C_DONE = 1; // feature groups finished in the current job (any thread)
export const C_CMD = 2;
export const C_BEGIN = 3;
export const C_CNT = 4;
export const C_SLOT = 5; // histogram slot the job writes into
export const C_READY = 6; // workers add 1 once started
export const C_ERROR = 7; // a worker sets 1 when its part threw
export const C_NEXT = 8; // job number << 16 | next feature group to take (taken by compare-exchange)
export const C_COUNT = 9; // number of listed features in the job
export const C_CHUNKS = 10; // row chunks of the gradient gather that come before the feature groups
export const C_GATHERED = 11; // gather chunks finished (feature groups wait for all of them)

export const CMD_RUN = 1;
export const CMD_STOP = 2;

export const CONTROL_LENGTH = 12;

/** What every worker gets at start: views are rebuilt over the same shared memory. */
export type HistogramWorkerData = {
  readonly id: number;
  readonly control: SharedArrayBuffer;
  /** Dense bin column per feature (null when stored sparsely): buffer, byte offset, length, bytes per bin. */
  readonly columns: readonly ({ buffer: SharedArrayBuffer; byteOffset: number; length: number; bytes: 1 | 2 } | null)[];
  readonly binOffsets: Int32Array;
  readonly features: SharedArrayBuffer;
  readonly idx: SharedArrayBuffer;
  readonly grad: SharedArrayBuffer;
  readonly hess: SharedArrayBuffer;
  readonly ordered: SharedArrayBuffer;
  readonly hists: SharedArrayBuffer;
  /** Float64 entries per histogram slot (2 × total bins). */
  readonly slotLength: number;
};
