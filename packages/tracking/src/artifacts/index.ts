import { TrackingError } from '../errors';
import { messages } from '../messages';
import type { HttpOptions } from '../stores/rest/http';
import type { ArtifactRepository } from './artifact-repository';
import { LocalArtifactRepository } from './local';
import { MlflowArtifactsProxyRepository } from './mlflow-artifacts-proxy';
import { checkArtifactLocation } from '../mlflow-layer';
import { locationKind } from '../mlflow/path-safety';
import { checkCall } from '../arguments';
import { HTTP_OPTION_KEYS } from '../call-specs';

/**
 * Picks the repository for an artifact URI the way MLflow does: `mlflow-artifacts:` and
 * `http(s)://…/api/2.0/mlflow-artifacts/artifacts/…` go through the proxy; `file:` and
 * scheme-less (including `//host`-less absolute) paths are local.
 */
export function artifactRepositoryFor(uri: string, options: HttpOptions & { trackingUri?: string } = {}): ArtifactRepository {
  checkCall('artifactRepositoryFor', arguments, 2, { 1: [...HTTP_OPTION_KEYS, 'trackingUri'] });
  checkArtifactLocation(uri);
  if (uri.startsWith('mlflow-artifacts:') || /^https?:\/\//.test(uri)) return new MlflowArtifactsProxyRepository(uri, options);
  if (locationKind(uri).kind === 'local') return new LocalArtifactRepository(uri);
  throw new TrackingError('INVALID_URI', messages.badUri(uri, 'only local paths, file: and mlflow-artifacts: artifact URIs are supported'));
}
