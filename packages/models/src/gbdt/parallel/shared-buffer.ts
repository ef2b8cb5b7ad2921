/**
 * Memory the training workers can share: a SharedArrayBuffer where the runtime has one, else a
 * plain ArrayBuffer (browsers without cross-origin isolation, some edge runtimes). Without shared
 * memory no worker starts (`TrainingWorkers.start` checks), so training runs on one thread with the
 * same result.
 */
export function shareableBuffer(bytes: number): ArrayBuffer | SharedArrayBuffer {
  return typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** True when `a` views memory the workers can share. */
export const isShared = (a: { readonly buffer: ArrayBufferLike }): boolean => typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
