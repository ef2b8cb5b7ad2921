// Every user-facing message of @abt/eval, as functions (tests assert on these); `ab` holds the online A/B statistics'.
const pct = (v: number, d = 2) => `${(v * 100).toFixed(d)} %`;
const p4 = (p: number) => (p < 1e-4 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`);

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
  packageRootNotFound: (pkg: string, entry: string) => `package root of ${pkg} not found above ${entry}`,
  skippedTooSmall: (n: number, minN: number) => `too small: n = ${n} < minN = ${minN}`,
  skippedSingleClass: (n: number, cls: number) => `single class: all ${n} labels are ${cls}`,
  skippedEmpty: () => 'empty: no evaluation rows fall in this segment',
  surplusArgument: (fn: string, position: number, params: readonly string[]) =>
    `${fn}: unexpected argument ${position}; ${fn} takes ${params.length === 0 ? 'no arguments' : `at most ${params.length} (${params.join(', ')})`}.`,
  unknownKey: (fn: string, name: string, key: string, allowed: readonly string[]) =>
    `${fn}: ${name} has the unknown key ${JSON.stringify(key)}; ${fn} implements ${allowed.length === 0 ? 'no keys there' : allowed.join(', ')}.`,
  notAnObject: (fn: string, name: string, value: unknown) =>
    `${fn}: ${name} must be an object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`,
  negativeWeight: (where: string, index: number, value: number) =>
    `${where}: sampleWeight[${index}] is ${value}; sample weights must be >= 0.`,
  allZeroWeights: (where: string, n: number) =>
    `${where}: all ${n} sample weights are 0; at least one must be positive (as scikit-learn requires).`,
  zeroWeightClass: (where: string, cls: number) =>
    `${where} is undefined: every row of class ${cls} has sample weight 0; ${cls === 1 ? 'the positives' : 'the negatives'} need a positive total weight.`,
  /** The online A/B statistics (src/ab). */
  ab: {
    notCount: (where: string, name: string, value: number) =>
      `${where}: ${name} = ${value}; expected a non-negative integer count.`,
    successesExceedTrials: (where: string, arm: string, successes: number, n: number) =>
      `${where}: arm ${arm} has ${successes} successes out of ${n} users; successes cannot exceed users.`,
    tooFewUsers: (where: string, arm: string, n: number, min: number) =>
      `${where}: arm ${arm} has ${n} users; at least ${min} are needed.`,
    tooFewArms: (where: string, arms: number) => `${where}: ${arms} arm(s) given; at least 2 are needed.`,
    zeroDenominator: (where: string, arm: string) =>
      `${where}: the denominators of arm ${arm} sum to 0; a ratio metric needs a positive denominator total.`,
    weightsLength: (where: string, counts: number, weights: number) =>
      `${where}: ${counts} observed counts but ${weights} weights; give one weight per arm.`,
    badWeight: (where: string, index: number, value: number) =>
      `${where}: weights[${index}] = ${value}; weights must be positive finite numbers.`,
    badSums: (where: string, arm: string, field: string, value: unknown) =>
      `${where}: ${arm}.${field} = ${JSON.stringify(value)}; expected ${field === 'n' ? 'a non-negative integer' : field.startsWith('sum (binary)') ? 'an integer between 0 and n (a count of 0/1 values)' : 'a finite number'}.`,
    noCheckpoints: (where: string) => `${where}: no checkpoints; give at least one.`,
    noUsableLook: (where: string, looks: number) =>
      `${where}: none of the ${looks} timeline looks has 2+ users and a non-zero variance in both arms; the sequential test needs at least one.`,
    badCheckpoint: (where: string, index: number, what: string, value: number) =>
      `${where}: checkpoints[${index}].${what} = ${value}; expected a finite number${what === 'variance' ? ' > 0' : ''}.`,
    invalidPrior: (where: string, value: unknown) =>
      `${where}: prior = ${JSON.stringify(value)} is invalid; expected { alpha > 0, beta > 0 }.`,
    mdeOutOfRange: (where: string, baseline: number, mde: number, relative: boolean) =>
      `${where}: an effect of ${mde}${relative ? ' (relative)' : ''} on a baseline of ${baseline} leaves [0, 1]; no proportion can move that far.`,
    needVariance: (where: string) =>
      `${where}: baseline is outside (0, 1), so it is not a proportion; pass variance (per-user variance of the metric) for a mean.`,

    // readout texts
    verdictWinner: (metric: string, winner: 'A' | 'B', liftRel: number, p: number, alpha: number) =>
      `${winner} wins on ${metric}: relative lift ${liftRel >= 0 ? '+' : ''}${pct(liftRel)} (B vs A), ${p4(p)} < α = ${alpha}.`,
    verdictNoDifference: (metric: string, liftRel: number, p: number, alpha: number, mdeRel: number) =>
      `No significant difference on ${metric} at α = ${alpha} (relative lift ${liftRel >= 0 ? '+' : ''}${pct(liftRel)}, ${p4(p)}); ` +
      `the smallest relative effect this sample detects with the chosen power is ${pct(mdeRel)}.`,
    verdictSrm: (p: number, threshold: number) =>
      `Sample ratio mismatch (χ² ${p4(p)} < ${threshold}): assignment is broken, so the lift cannot be trusted; fix the assignment before reading results.`,
    noteSrm: (observed: readonly number[], expected: readonly number[], p: number, mismatch: boolean) =>
      `Assignment: ${observed.map((o) => o.toLocaleString('en-US')).join(' / ')} users (expected ${expected.map((e) => Math.round(e).toLocaleString('en-US')).join(' / ')}); ` +
      `SRM χ² ${p4(p)} — ${mismatch ? 'MISMATCH' : 'no mismatch'}.`,
    noteCuped: (reduction: number, liftRel: number, p: number) =>
      `CUPED with the pre-period covariate removes ${pct(reduction, 1)} of the variance; adjusted relative lift ${liftRel >= 0 ? '+' : ''}${pct(liftRel)}, ${p4(p)}.`,
    noteSequential: (rejected: boolean, p: number, checkpoints: number, firstIndex: number, alpha: number) =>
      rejected
        ? `Sequential (mSPRT, always valid): significant at α = ${alpha} from checkpoint ${firstIndex + 1} of ${checkpoints}; always-valid ${p4(p)}.`
        : `Sequential (mSPRT, always valid): not significant at α = ${alpha} after ${checkpoints} checkpoints (always-valid ${p4(p)}); peeking at every checkpoint is safe.`,
    noteBayes: (chance: number, lossA: number, lossB: number) =>
      `Bayesian: chance that B beats A ${pct(chance, 1)}; expected loss choosing A ${lossA.toExponential(2)}, choosing B ${lossB.toExponential(2)}.`,
    notePower: (mdeRel: number, required: number, plannedMde: number) =>
      `Power: with these users the minimum detectable relative effect is ${pct(mdeRel)}; detecting ${pct(plannedMde, 1)} needs ${required.toLocaleString('en-US')} users per arm.`,
  },
} as const;

/** @deprecated Use `messages.ab` (the one messages module); kept so existing imports still work. */
export const abMessages = messages.ab;
