import { MissingPeerError } from './errors';
import { messages } from './messages';

const cache = new Map<string, Promise<unknown>>();

/**
 * Imports an optional peer dependency of a subpath on first use, so the core installs without it
 * (`npm install @abt/router` compiles nothing native and pulls no server). A missing peer is a
 * {@link MissingPeerError} naming the package to install; any other load failure is rethrown.
 */
export function importPeer<T>(peer: string, subpath: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(peer) as Promise<T> | undefined;
  if (!p) {
    p = load().catch((e: unknown) => {
      cache.delete(peer);
      const code = (e as { code?: string }).code;
      const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
      // Only the peer itself missing: a module it imports that is missing is another problem.
      if (notFound && String((e as Error).message).includes(`'${peer}'`))
        throw new MissingPeerError(peer, subpath, messages.missingPeer(peer, subpath), { cause: e });
      if (notFound && String((e as Error).message).includes(`"${peer}"`))
        throw new MissingPeerError(peer, subpath, messages.missingPeer(peer, subpath), { cause: e });
      throw e;
    });
    cache.set(peer, p);
  }
  return p;
}
