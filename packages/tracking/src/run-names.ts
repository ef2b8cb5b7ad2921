// MLflow gives unnamed runs a random "<adjective>-<noun>-<number>" name; abt derives it from
// the run id so the name is as reproducible as the id.
const ADJECTIVES = [
  'amazing',
  'bold',
  'brave',
  'bright',
  'calm',
  'clever',
  'crisp',
  'eager',
  'fair',
  'gentle',
  'glad',
  'keen',
  'lucky',
  'merry',
  'nimble',
  'polite',
  'quick',
  'rare',
  'sharp',
  'swift',
  'tidy',
  'vivid',
  'warm',
  'wise',
];
const NOUNS = [
  'ant',
  'bat',
  'bear',
  'bee',
  'cat',
  'colt',
  'crab',
  'crow',
  'deer',
  'dove',
  'duck',
  'eel',
  'fox',
  'frog',
  'gnu',
  'hawk',
  'hen',
  'lark',
  'mole',
  'owl',
  'ram',
  'seal',
  'slug',
  'wolf',
];

export function runNameFromId(runId: string): string {
  const n = Number.parseInt(runId.slice(0, 8), 16) || 0;
  return `${ADJECTIVES[n % ADJECTIVES.length]}-${NOUNS[(n >>> 8) % NOUNS.length]}-${(n >>> 16) % 1000}`;
}

/** MLflow's `append_to_uri_path`: join with exactly one '/'. */
export function appendToUriPath(base: string, ...parts: string[]): string {
  return [base.replace(/\/+$/, ''), ...parts.map((p) => p.replace(/^\/+|\/+$/g, ''))].join('/');
}
