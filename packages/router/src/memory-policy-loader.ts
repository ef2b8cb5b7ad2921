import { checkArity } from './check-args';
import { PolicyLoadError } from './errors';
import { messages } from './messages';
import type { Policy, PolicyLoader } from './policy';

/** A registry entry of the memory loader: a version label and how to build its policy. */
export type MemoryPolicyEntry = { modelVersion: string; load: () => Policy | Promise<Policy> };

/**
 * A {@link PolicyLoader} over an in-memory URI table: for tests, demos and servers whose policies
 * are built in-process. `set` moves a URI to a new version (what an alias move does in a registry).
 */
export function createMemoryPolicyLoader(initial: Record<string, Policy | MemoryPolicyEntry> = {}): PolicyLoader & {
  set(uri: string, entry: Policy | MemoryPolicyEntry): void;
  delete(uri: string): void;
} {
  checkArity('createMemoryPolicyLoader', arguments, 1);
  const table = new Map<string, MemoryPolicyEntry>();
  const toEntry = (e: Policy | MemoryPolicyEntry): MemoryPolicyEntry => ('predict' in e ? { modelVersion: e.modelVersion, load: () => e } : e);
  for (const [uri, e] of Object.entries(initial)) table.set(uri, toEntry(e));
  const entry = (uri: string): MemoryPolicyEntry => {
    const e = table.get(uri);
    if (!e) throw new PolicyLoadError(uri, messages.policyLoad(uri, 'no such model or alias'));
    return e;
  };
  return {
    version: 1,
    resolve: async (uri) => entry(uri).modelVersion,
    async load(uri, modelVersion) {
      const e = entry(uri);
      if (e.modelVersion !== modelVersion) throw new PolicyLoadError(uri, messages.policyLoad(uri, `version ${modelVersion} is gone (now ${e.modelVersion})`));
      try {
        return await e.load();
      } catch (err) {
        throw new PolicyLoadError(uri, messages.policyLoad(uri, (err as Error).message), { cause: err });
      }
    },
    set: (uri, e) => void table.set(uri, toEntry(e)),
    delete: (uri) => void table.delete(uri),
  };
}
