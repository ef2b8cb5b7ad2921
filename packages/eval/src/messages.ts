// Every user-facing message of @abt/eval, as functions (tests assert on these).
export const messages = {
  lengthMismatch: (where: string, a: string, la: number, b: string, lb: number) =>
    `${where}: ${a} has ${la} rows but ${b} has ${lb}; they must align row by row.`,
  empty: (where: string, what: string) => `${where}: ${what} is empty.`,
  notFinite: (where: string, what: string, index: number, value: number) =>
    `${where}: ${what}[${index}] is ${value}; every value must be a finite number.`,
  notBinary: (where: string, index: number, value: number) =>
    `${where}: labels[${index}] is ${value}; labels must be 0 or 1.`,
  probabilityOutOfRange: (where: string, index: number, value: number) =>
    `${where}: probabilities[${index}] is ${value}; probabilities must lie in [0, 1].`,
  singleClass: (where: string, n: number, cls: number) =>
    `${where} is undefined: all ${n} labels are ${cls}; both classes must be present.`,
  noPositives: (where: string, n: number) => `${where} is undefined: none of the ${n} labels is positive.`,
  invalidOption: (where: string, name: string, value: unknown, allowed: string) =>
    `${where}: option ${name} = ${JSON.stringify(value)} is invalid; expected ${allowed}.`,
  tooFewPerClass: (where: string, k: number, cls: number, count: number) =>
    `${where}: cannot make ${k} stratified folds; class ${cls} has only ${count} rows (each fold needs at least one).`,
  tooFewGroups: (where: string, k: number, groups: number) =>
    `${where}: cannot make ${k} folds from ${groups} distinct groups.`,
  tooFewRows: (where: string, need: number, n: number) => `${where}: needs at least ${need} rows, got ${n}.`,
  foldScoresLength: (fold: number, expected: number, got: number) =>
    `crossValidate: fitPredict for fold ${fold} returned ${got} scores for ${expected} held-out rows.`,
  renderFailed: (chart: string, cause: string) => `Rendering chart '${chart}' failed: ${cause}`,
  fontFallback: (searched: string[]) =>
    `@abt/eval charts: no DejaVu Sans font found (searched ${searched.join(', ')}); falling back to system fonts — ` +
    `PNG text may be missing. Install fonts-dejavu-core or pass fontFiles.`,
  assetNotFound: (pkg: string, file: string, cause: string) =>
    `renderReport: could not read ${pkg}/${file} to inline it (${cause}).`,
  skippedTooSmall: (n: number, minN: number) => `too small: n = ${n} < minN = ${minN}`,
  skippedSingleClass: (n: number, cls: number) => `single class: all ${n} labels are ${cls}`,
  skippedEmpty: () => 'empty: no evaluation rows fall in this segment',
} as const;
