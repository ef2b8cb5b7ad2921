import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TrackingStore } from '@abt/tracking';
import { RegistryError } from '../errors.js';
import type { ModelVersion } from '../entities.js';
import { messages as msg } from '../messages.js';
import type { RegistryStore } from '../store.js';
import { checkRelativePath } from '../mlflow-layer.js';
import { localPathOf, parseModelUri, parseUri } from './parse-uri.js';
import { canonicalStage } from '../stores/search-entities.js';
import { checkCall } from '../arguments.js';
import { RESOLVE_CONTEXT_KEYS } from '../call-specs.js';

export interface ResolveContext {
  /** Registry for `models:/<name>…` URIs. */
  registry: RegistryStore;
  /** Tracking store for runs (`runs:/`), logged models (`models:/m-…`) and artifact downloads. */
  tracking: TrackingStore;
  /** Where remote artifacts are downloaded and cached (default `<cwd>/.abt-cache/models`). */
  cacheDir?: string;
}

/** Where a model URI led, and the local directory holding its files. */
export interface ResolvedModel {
  /** The URI asked for. */
  uri: string;
  /** The registry version behind a `models:/<name>…` URI. */
  version?: ModelVersion;
  /** The final artifact location (local path or remote URI) that was read. */
  location: string;
  /** A local directory with the model's files (the location itself when local, else the cache). */
  localDir: string;
  /** True when the files came from the download cache. */
  cached: boolean;
}

const MAX_HOPS = 4;
const COMPLETE_MARKER = '.abt-download-complete';

function joinUri(base: string, rel: string): string {
  const clean = checkRelativePath(rel);
  return clean === '' ? base : `${base.replace(/\/+$/, '')}/${clean}`;
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isComplete(marker: string, location: string): Promise<boolean> {
  try {
    return (await readFile(marker, 'utf8')) === location;
  } catch {
    return false;
  }
}

/** The registry version a `models:/<name>/<version|stage|latest>` or `models:/<name>@<alias>` URI names. */
export async function resolveModelVersion(registry: RegistryStore, uri: string): Promise<ModelVersion | undefined> {
  checkCall('resolveModelVersion', arguments, 2);
  const parsed = parseModelUri(uri);
  switch (parsed.kind) {
    case 'version':
      return registry.getModelVersion(parsed.name, parsed.version);
    case 'alias':
      return registry.getModelVersionByAlias(parsed.name, parsed.alias);
    case 'latest':
    case 'stage': {
      const stages = parsed.kind === 'stage' ? [canonicalStage(parsed.stage)] : undefined;
      const latest = await registry.getLatestVersions(parsed.name, stages);
      const best = latest.sort((a, b) => Number(b.version) - Number(a.version))[0];
      if (!best) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', msg.latestNotFound(parsed.name));
      return best;
    }
    case 'logged-model':
      return undefined;
  }
}

/** Follows `models:/…` and `runs:/…` indirections down to an artifact location. */
async function toLocation(uri: string, ctx: ResolveContext, hops = 0): Promise<{ location: string; version?: ModelVersion }> {
  if (hops > MAX_HOPS) throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badUri(uri, msg.tooManyHops()));
  const parsed = parseUri(uri);
  if (parsed.kind === 'runs') {
    const run = await ctx.tracking.getRun(parsed.runId);
    if (!run.info.artifactUri) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', msg.runArtifactsUnavailable(parsed.runId));
    return { location: joinUri(run.info.artifactUri, parsed.path) };
  }
  if (parsed.kind === 'logged-model') {
    const lm = await ctx.tracking.getLoggedModel(parsed.modelId);
    if (!lm.artifactLocation) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', msg.loggedModelUnavailable(parsed.modelId));
    return { location: lm.artifactLocation };
  }
  if (parsed.kind === 'artifact') return { location: uri };
  const version = await resolveModelVersion(ctx.registry, uri);
  if (!version) throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badUri(uri, 'not a registry URI'));
  const download = await ctx.registry.getModelVersionDownloadUri(version.name, version.version);
  const inner = await toLocation(download || version.source, ctx, hops + 1);
  return { location: inner.location, version };
}

/**
 * Resolves `models:/<name>/<version>`, `models:/<name>@<alias>`, `models:/m-<id>`,
 * `runs:/<run_id>/<path>` or an artifact URI to a local directory. Local locations are
 * used in place; remote ones (`mlflow-artifacts:`, `http(s)`) are downloaded once into
 * `cacheDir/<sha256 of the location>` and reused (a registered version's files never change).
 */
export async function resolveModelUri(uri: string, ctx: ResolveContext): Promise<ResolvedModel> {
  checkCall('resolveModelUri', arguments, 2, { 1: RESOLVE_CONTEXT_KEYS });
  const { location, version } = await toLocation(uri, ctx);
  const parsed = parseUri(location);
  const base: Omit<ResolvedModel, 'localDir' | 'cached'> = version ? { uri, version, location } : { uri, location };
  if (parsed.kind === 'artifact' && parsed.location === 'local') {
    const dir = path.resolve(localPathOf(location));
    if (!(await isDir(dir))) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', msg.bundleMissingFile(dir));
    return { ...base, localDir: dir, cached: false };
  }
  const cacheRoot = path.resolve(ctx.cacheDir ?? path.join(process.cwd(), '.abt-cache', 'models'));
  const key = createHash('sha256').update(location).digest('hex').slice(0, 32);
  const target = path.join(cacheRoot, key);
  const marker = path.join(target, COMPLETE_MARKER);
  if (await isComplete(marker, location)) return { ...base, localDir: target, cached: true };
  // Download into a fresh sibling, then rename: a crash never leaves a half cache entry.
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    await ctx.tracking.artifactRepository(location).downloadArtifacts('', tmp);
    await writeFile(path.join(tmp, COMPLETE_MARKER), location);
    await rm(target, { recursive: true, force: true });
    try {
      await rename(tmp, target);
    } catch (err) {
      // A concurrent loader renamed its copy first: use it when complete.
      if (!(await isComplete(marker, location))) throw err;
      await rm(tmp, { recursive: true, force: true });
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return { ...base, localDir: target, cached: false };
}
