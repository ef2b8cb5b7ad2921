import { mkdir, readFile } from 'node:fs/promises';
import { checkRepositoryCall } from '../mlflow-layer';
import { basename, join } from 'node:path';
import type { FileInfo } from '../entities';
import { TrackingError } from '../errors';
import { messages } from '../messages';
import { HttpClient, type HttpOptions } from '../stores/rest/http';
import type { ArtifactRepository } from './artifact-repository';
import { writeFileAtomic } from './atomic-write';
import { checkArtifactLocation, checkArtifactPath, layer, resolveInsideRoot } from '../mlflow-layer';
import { checkCall, pick } from '../arguments';
import { HTTP_OPTION_KEYS } from '../call-specs';

const PROXY_OPTION_KEYS: readonly string[] = [...HTTP_OPTION_KEYS, 'trackingUri', 'http'];

const ROUTE = '/api/2.0/mlflow-artifacts/artifacts';

function joinRel(...parts: string[]): string {
  return parts.filter((s) => s !== '').join('/');
}

/**
 * Splits an artifact URI served by the tracking server's proxy into (server base URL, root path):
 * `mlflow-artifacts:/1/<run>/artifacts` (server = tracking URI), `mlflow-artifacts://host:port/...`,
 * or `http(s)://host/api/2.0/mlflow-artifacts/artifacts/...`.
 */
export function parseProxyUri(uri: string, trackingUri?: string): { baseUrl: string; root: string } {
  checkCall('parseProxyUri', arguments, 2);
  checkArtifactLocation(uri);
  if (uri.startsWith('mlflow-artifacts:')) {
    const rest = uri.slice('mlflow-artifacts:'.length);
    if (rest.startsWith('//')) {
      const slash = rest.indexOf('/', 2);
      const host = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
      const path = slash < 0 ? '' : rest.slice(slash);
      if (host !== '') return { baseUrl: `http://${host}`, root: checkArtifactPath(path.replace(/^\/+/, '')) };
      return { baseUrl: requireTracking(uri, trackingUri), root: checkArtifactPath(path.replace(/^\/+/, '')) };
    }
    return { baseUrl: requireTracking(uri, trackingUri), root: checkArtifactPath(rest.replace(/^\/+/, '')) };
  }
  const at = uri.indexOf(ROUTE);
  if (/^https?:\/\//.test(uri) && at >= 0) {
    return { baseUrl: uri.slice(0, at), root: checkArtifactPath(uri.slice(at + ROUTE.length).replace(/^\/+/, '')) };
  }
  throw new TrackingError('INVALID_URI', messages.badUri(uri, 'not an mlflow-artifacts proxy URI'));
}

function requireTracking(uri: string, trackingUri: string | undefined): string {
  if (!trackingUri || !/^https?:\/\//.test(trackingUri)) {
    throw new TrackingError('INVALID_URI', messages.badUri(uri, 'mlflow-artifacts:/ needs an http(s) tracking URI to resolve against'));
  }
  return trackingUri.replace(/\/+$/, '');
}

/** Artifacts through the tracking server's `mlflow-artifacts` proxy (`mlflow server --serve-artifacts`). */
export class MlflowArtifactsProxyRepository implements ArtifactRepository {
  readonly kind = 'mlflow-artifacts' as const;
  readonly uri: string;
  readonly #http: HttpClient;
  readonly #root: string;

  constructor(uri: string, options: HttpOptions & { trackingUri?: string; http?: HttpClient } = {}) {
    checkCall('MlflowArtifactsProxyRepository', arguments, 2, { 1: PROXY_OPTION_KEYS });
    this.uri = uri;
    const { baseUrl, root } = parseProxyUri(uri, options.trackingUri);
    this.#root = root;
    this.#http = options.http && options.http.baseUrl === baseUrl ? options.http : new HttpClient(baseUrl, pick(options, HTTP_OPTION_KEYS));
  }

  #urlPath(rel: string): string {
    return `${ROUTE}/${joinRel(this.#root, rel).split('/').map(encodeURIComponent).join('/')}`;
  }

  async logBytes(data: Uint8Array | string, artifactFile: string): Promise<void> {
    checkRepositoryCall(this, 'logBytes', arguments);
    const rel = checkArtifactPath(artifactFile);
    if (rel === '') throw new TrackingError('UNSAFE_PATH', messages.unsafePath(artifactFile, 'names no file'));
    const body = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    await this.#http.json({ method: 'PUT', path: this.#urlPath(rel), body });
  }

  async logArtifact(localFile: string, artifactPath = ''): Promise<void> {
    checkRepositoryCall(this, 'logArtifact', arguments);
    await this.logBytes(new Uint8Array(await readFile(localFile)), joinRel(checkArtifactPath(artifactPath), basename(localFile)));
  }

  async logArtifacts(localDir: string, artifactPath = ''): Promise<void> {
    checkRepositoryCall(this, 'logArtifacts', arguments);
    const base = checkArtifactPath(artifactPath);
    for (const rel of await layer.listFilesInside(localDir)) {
      await this.logBytes(new Uint8Array(await readFile(join(localDir, rel))), joinRel(base, rel));
    }
  }

  async listArtifacts(path = ''): Promise<FileInfo[]> {
    checkRepositoryCall(this, 'listArtifacts', arguments);
    const rel = checkArtifactPath(path);
    const body = await this.#http.json<{ files?: { path: string; is_dir?: boolean; file_size?: number | string }[] }>({
      method: 'GET',
      path: ROUTE,
      query: { path: joinRel(this.#root, rel) },
    });
    const out: FileInfo[] = [];
    for (const f of body.files ?? []) {
      // Server-supplied names are checked before they ever become local paths (MLflow CVE checklist).
      const child = joinRel(rel, checkArtifactPath(f.path));
      out.push(
        f.is_dir ? { path: child, isDir: true } : { path: child, isDir: false, ...(f.file_size !== undefined ? { fileSize: Number(f.file_size) } : {}) },
      );
    }
    // MLflow returns [] when `path` names a single file.
    if (out.length === 1 && !out[0]!.isDir && rel !== '' && out[0]!.path === joinRel(rel, basename(rel))) return [];
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async readArtifact(artifactPath: string): Promise<Uint8Array> {
    checkRepositoryCall(this, 'readArtifact', arguments);
    const rel = checkArtifactPath(artifactPath);
    return this.#http.bytes({ method: 'GET', path: this.#urlPath(rel) });
  }

  async downloadArtifacts(artifactPath: string, dstDir: string): Promise<string> {
    checkRepositoryCall(this, 'downloadArtifacts', arguments);
    const rel = checkArtifactPath(artifactPath);
    const children = rel === '' ? await this.listArtifacts('') : await this.listArtifacts(rel);
    const dst = resolveInsideRoot(dstDir, rel);
    if (rel !== '' && children.length === 0) {
      const probe = await this.listArtifacts(parentOf(rel));
      const me = probe.find((f) => f.path === rel);
      if (me?.isDir) {
        await mkdir(dst, { recursive: true });
        return dst;
      }
      await writeFileAtomic(dst, await this.readArtifact(rel));
      return dst;
    }
    await mkdir(dst, { recursive: true });
    for (const child of children) {
      if (child.isDir) await this.downloadArtifacts(child.path, dstDir);
      else await writeFileAtomic(resolveInsideRoot(dstDir, child.path), await this.readArtifact(child.path));
    }
    return dst;
  }
}

function parentOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}
