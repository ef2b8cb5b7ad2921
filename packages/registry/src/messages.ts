// Every user-facing message of @abt/registry, as a function (STYLE.md rule 6):
// tests assert on these, and wording changes happen in one place.

export const messages = {
  missingValue: (field: string) => `Missing value for required parameter '${field}'.`,
  badModelName: (name: string) => `Invalid model name '${name}'. Names cannot contain '/' or ':' and must be a normalized path segment.`,
  badVersion: (version: string) => `Parameter 'version' must be an integer, got '${version}'.`,
  badAlias: (alias: string) => `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-), at most 255 characters.`,
  reservedAlias: (alias: string) => `Alias name '${alias}' is reserved ('latest' and v<number> are version references).`,
  badTagKey: (key: string) => `Invalid tag key '${key}': use alphanumerics, '_', '-', '.', ' ', '/' in a normalized path, at most 250 characters.`,
  tagValueTooLong: (key: string, limit: number) => `Tag '${key}' value exceeds the ${limit}-character limit.`,
  modelExists: (name: string) => `Registered Model (name=${name}) already exists.`,
  modelNotFound: (name: string) => `Registered Model with name=${name} not found`,
  versionNotFound: (name: string, version: string) => `Model Version (name=${name}, version=${version}) not found`,
  aliasNotFound: (name: string, alias: string) => `Registered model alias ${alias} not found (model ${name}).`,
  latestNotFound: (name: string) => `Latest version not found for model ${name}.`,
  modelTagNotFound: (name: string, key: string) => `Registered model tag with name=${name} and key=${key} not found`,
  versionTagNotFound: (name: string, version: string, key: string) => `Model version tag with name=${name}, version=${version}, key=${key} not found`,
  badStage: (stage: string) => `Invalid Model Version stage: ${stage}. Value must be one of None, Staging, Production, Archived.`,

  badSource: (source: string, why: string) => `Invalid model version source: '${source}'. ${why}`,
  sourceRunMismatch: (runId: string) => `Its run id differs from run_id '${runId}'.`,
  sourceModelMismatch: (modelId: string) => `Its model id differs from model_id '${modelId}'.`,
  sourceLocalNeedsRun: () => 'A local path is accepted only with run_id (or model_id) whose artifact directory contains it.',
  sourceLocalOutside: () => 'A local path must lie inside the artifact directory of its run_id (or model_id).',
  sourceLocalHost: () => "A '//host/…' path names a host, not a local model directory.",
  sourceLocalRelative: () => 'A local source must be an absolute path.',
  sourceRegistryForm: () => 'Use models:/<name>/<version> or models:/m-<id>.',
  loggedModelNotFound: (modelId: string, source: string) => `Logged model '${modelId}' (source '${source}') not found.`,
  schemaMissing: (db: string, what: string) =>
    `${db}: MLflow registry ${what} is missing; run 'mlflow db upgrade' or open it with @abt/tracking's openMlflowDatabase.`,
  tooManyHops: () => 'too many models:/ indirections',
  badUri: (uri: string, why: string) => `Invalid model URI '${uri}': ${why}`,
  unsafePath: (path: string, why: string) => `Unsafe path '${path}': ${why}`,

  bundleMissingFile: (file: string) => `${file}: file not found in the model bundle.`,
  bundleBadYaml: (file: string, why: string) => `${file}: not valid YAML (${why}).`,
  bundleBadField: (file: string, field: string, why: string) => `${file}: field '${field}' ${why}`,
  bundleUnknownFormat: (file: string, field: string, value: unknown, known: readonly unknown[]) =>
    `${file}: field '${field}' has unknown value ${JSON.stringify(value)} (this abt reads ${known.map((k) => JSON.stringify(k)).join(', ')}).`,
  bundleMissingFlavor: (file: string, flavor: string, present: string[]) => `${file}: flavor '${flavor}' not found (flavors: ${present.join(', ') || 'none'}).`,
  bundleExists: (dir: string) => `Model bundle directory '${dir}' already exists and is not empty.`,

  remoteHttp: (method: string, url: string, status: number) => `${method} ${url} failed with HTTP ${status}.`,
  remoteNetwork: (method: string, url: string, why: string) => `${method} ${url} failed: ${why}`,
  registryUriUnsupported: (uri: string) => `Unsupported registry URI '${uri}' (use sqlite:///path.db, http(s)://host or memory:).`,
  needsTracking: (what: string) => `${what} needs a tracking client or tracking URI.`,
  runArtifactsUnavailable: (runId: string) => `Run '${runId}' has no artifact location that abt can read.`,
  loggedModelUnavailable: (modelId: string) => `Logged model '${modelId}' has no artifact location that abt can read.`,
};
