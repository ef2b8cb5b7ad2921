import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { checkRepositoryCall } from '../mlflow-layer';
import { basename, join } from 'node:path';
import type { FileInfo } from '../entities';
import { TrackingError } from '../errors';
import { messages } from '../messages';
import type { ArtifactRepository } from './artifact-repository';
import { copyFileAtomic, writeFileAtomic } from './atomic-write';
import { checkArtifactPath, layer, localPathFromUri, resolveInsideRoot } from '../mlflow-layer';
import { checkCall } from '../arguments';

function joinRel(a: string, b: string): string {
  return [a, b].filter((s) => s !== '').join('/');
}

/** Artifacts in a local directory, written through temp names and renames. */
export class LocalArtifactRepository implements ArtifactRepository {
  readonly kind = 'local' as const;
  readonly uri: string;
  readonly root: string;

  constructor(uri: string) {
    checkCall('LocalArtifactRepository', arguments, 1);
    this.uri = uri;
    this.root = localPathFromUri(uri);
  }

  async logArtifact(localFile: string, artifactPath = ''): Promise<void> {
    checkRepositoryCall(this, 'logArtifact', arguments);
    const rel = joinRel(checkArtifactPath(artifactPath), basename(localFile));
    await copyFileAtomic(localFile, resolveInsideRoot(this.root, rel));
  }

  async logArtifacts(localDir: string, artifactPath = ''): Promise<void> {
    checkRepositoryCall(this, 'logArtifacts', arguments);
    const base = checkArtifactPath(artifactPath);
    for (const rel of await layer.listFilesInside(localDir)) {
      await copyFileAtomic(join(localDir, rel), resolveInsideRoot(this.root, joinRel(base, rel)));
    }
    await mkdir(resolveInsideRoot(this.root, base), { recursive: true });
  }

  async logBytes(data: Uint8Array | string, artifactFile: string): Promise<void> {
    checkRepositoryCall(this, 'logBytes', arguments);
    const rel = checkArtifactPath(artifactFile);
    if (rel === '') throw new TrackingError('UNSAFE_PATH', messages.unsafePath(artifactFile, 'names no file'));
    await writeFileAtomic(resolveInsideRoot(this.root, rel), data);
  }

  async listArtifacts(path = ''): Promise<FileInfo[]> {
    checkRepositoryCall(this, 'listArtifacts', arguments);
    const rel = checkArtifactPath(path);
    const dir = resolveInsideRoot(this.root, rel);
    let entries;
    try {
      const st = await stat(dir);
      if (!st.isDirectory()) return [];
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: FileInfo[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.') && e.name.includes('.tmp-')) continue; // an upload in flight
      const childRel = joinRel(rel, e.name);
      const full = resolveInsideRoot(this.root, childRel);
      const st = await stat(full);
      out.push(st.isDirectory() ? { path: childRel, isDir: true } : { path: childRel, isDir: false, fileSize: st.size });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async readArtifact(artifactPath: string): Promise<Uint8Array> {
    checkRepositoryCall(this, 'readArtifact', arguments);
    const full = resolveInsideRoot(this.root, artifactPath);
    try {
      return new Uint8Array(await readFile(full));
    } catch (err) {
      throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.artifactNotFound(artifactPath, this.uri), { cause: err });
    }
  }

  async downloadArtifacts(artifactPath: string, dstDir: string): Promise<string> {
    checkRepositoryCall(this, 'downloadArtifacts', arguments);
    const rel = checkArtifactPath(artifactPath);
    const src = resolveInsideRoot(this.root, rel);
    const dst = resolveInsideRoot(dstDir, rel);
    let st;
    try {
      st = await stat(src);
    } catch (err) {
      throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.artifactNotFound(artifactPath, this.uri), { cause: err });
    }
    if (!st.isDirectory()) {
      await copyFileAtomic(src, dst);
      return dst;
    }
    await mkdir(dst, { recursive: true });
    for (const file of await layer.listFilesInside(src)) {
      await copyFileAtomic(resolveInsideRoot(this.root, joinRel(rel, file)), resolveInsideRoot(dstDir, joinRel(rel, file)));
    }
    return dst;
  }
}
