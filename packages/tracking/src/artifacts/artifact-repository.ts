import type { FileInfo } from '../entities';

/** Where a run's (or logged model's) artifacts live. Paths are relative, `/`-separated, checked by safe-path. */
export interface ArtifactRepository {
  /** 'local' (a directory) or 'mlflow-artifacts' (the tracking server's proxy). */
  readonly kind: 'local' | 'mlflow-artifacts';
  /** The artifact URI this repository serves. */
  readonly uri: string;
  /** Uploads one local file to `<artifactPath>/<basename>`. */
  logArtifact(localFile: string, artifactPath?: string): Promise<void>;
  /** Uploads a directory's contents recursively under `artifactPath`. */
  logArtifacts(localDir: string, artifactPath?: string): Promise<void>;
  /** Writes bytes (or UTF-8 text) to the artifact file path. */
  logBytes(data: Uint8Array | string, artifactFile: string): Promise<void>;
  /** Direct children of `path` (root when omitted), sorted by path. */
  listArtifacts(path?: string): Promise<FileInfo[]>;
  /** Downloads a file or directory to `<dstDir>/<artifactPath>`; returns that local path. */
  downloadArtifacts(artifactPath: string, dstDir: string): Promise<string>;
  /** Reads one artifact file fully. */
  readArtifact(artifactPath: string): Promise<Uint8Array>;
}
