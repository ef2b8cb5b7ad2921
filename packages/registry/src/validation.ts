import { RegistryError } from './errors.js';
import { messages as msg } from './messages.js';

// Mirrors mlflow/utils/validation.py so that abt rejects what MLflow rejects, with the same code.

const ALIAS_RE = /^[\w-]*$/;
const VERSION_ALIAS_RE = /^[vV]\d+$/;
const TAG_KEY_RE = /^[/\w.\- ]*$/;
const MAX_TAG_KEY_LENGTH = 250;
const MAX_TAG_VALUE_LENGTH = 100_000;
const MAX_ALIAS_LENGTH = 255;

function invalid(message: string): RegistryError {
  return new RegistryError('INVALID_PARAMETER_VALUE', message);
}

/** posixpath.normpath-based check from MLflow's `path_not_unique`. */
function pathNotUnique(name: string): boolean {
  const parts: string[] = [];
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(seg);
  }
  const lead = name.startsWith('/') ? '/' : '';
  const norm = lead + parts.join('/') || '.';
  return norm !== name || norm === '.' || norm.startsWith('..') || norm.startsWith('/');
}

export function validateModelName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') throw invalid(msg.missingValue('name'));
  if (name.includes('/') || name.includes(':') || pathNotUnique(name)) throw invalid(msg.badModelName(name));
}

/** Returns the canonical decimal string of a version, rejecting non-integers. */
export function validateVersion(version: unknown): string {
  const text = typeof version === 'number' ? String(version) : typeof version === 'string' ? version.trim() : '';
  if (!/^-?\d+$/.test(text)) throw invalid(msg.badVersion(String(version)));
  return String(Number.parseInt(text, 10));
}

export function validateAlias(alias: unknown, { forWrite }: { forWrite: boolean }): asserts alias is string {
  if (typeof alias !== 'string' || alias === '') throw invalid(msg.missingValue('alias'));
  if (!ALIAS_RE.test(alias) || alias.length > MAX_ALIAS_LENGTH) throw invalid(msg.badAlias(alias));
  if (forWrite && (alias.toLowerCase() === 'latest' || VERSION_ALIAS_RE.test(alias))) throw invalid(msg.reservedAlias(alias));
}

export function validateTag(key: unknown, value: unknown): asserts key is string {
  if (typeof key !== 'string' || key === '') throw invalid(msg.missingValue('key'));
  if (!TAG_KEY_RE.test(key) || pathNotUnique(key) || key.length > MAX_TAG_KEY_LENGTH) throw invalid(msg.badTagKey(key));
  if (typeof value !== 'string') throw invalid(msg.missingValue('value'));
  if (value.length > MAX_TAG_VALUE_LENGTH) throw invalid(msg.tagValueTooLong(key, MAX_TAG_VALUE_LENGTH));
}

export function validateTags(tags: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(tags ?? {})) validateTag(k, v);
}
