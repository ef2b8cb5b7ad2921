import { importPeer } from '../import-peer';

/** `@abt/registry`, the optional peer of `@abt/router/loaders`, loaded on first use. */
export const registry = () => importPeer('@abt/registry', '@abt/router/loaders', () => import('@abt/registry'));
