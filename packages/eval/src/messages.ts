// Every user-facing message of @abt/eval, as functions (tests assert on these); `ab` holds the online A/B statistics'.
// A figure the data cannot give (NaN, e.g. 5 users per arm) reads "not enough data", never "NaN %".
const NO_DATA = 'not enough data';
const pct = (v: number, d = 2) => (Number.isFinite(v) ? `${(v * 100).toFixed(d)} %` : NO_DATA);
const signedPct = (v: number, d = 2) => (Number.isFinite(v) && v >= 0 ? '+' : '') + pct(v, d);
const p4 = (p: number) => (Number.isNaN(p) ? `p: ${NO_DATA}` : p < 1e-4 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`);
const liftText = (v: number) => (Number.isFinite(v) ? `relative lift ${signedPct(v)}` : `relative lift: ${NO_DATA}`);
const count = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : NO_DATA);
const expo = (v: number) => (Number.isFinite(v) ? v.toExponential(2) : NO_DATA);

export const messages = {
  lengthMismatch: (where: string, a: string, la: number, b: string, lb: number) =>
    `${where}: ${a} has ${la} rows but ${b} has ${lb}; they must align row by row.`,
  empty: (where: string, what: string) => `${where}: ${what} is empty.`,
  notFinite: (where: string, what: string, index: number, value: number) => `${where}: ${what}[${index}] is ${value}; every value must be a finite number.`,
  notBinary: (where: string, index: number, value: number) => `${where}: labels[${index}] is ${value}; labels must be 0 or 1.`,
  probabilityOutOfRange: (where: string, index: number, value: number) => `${where}: probabilities[${index}] is ${value}; probabilities must lie in [0, 1].`,
  singleClass: (where: string, n: number, cls: number) => `${where} is undefined: all ${n} labels are ${cls}; both classes must be present.`,
  noPositives: (where: string, n: number) => `${where} is undefined: none of the ${n} labels is positive.`,
  invalidOption: (where: string, name: string, value: unknown, allowed: string) =>
    `${where}: option ${name} = ${JSON.stringify(value)} is invalid; expected ${allowed}.`,
  tooFewPerClass: (where: string, k: number, cls: number, count: number) =>
    `${where}: cannot make ${k} stratified folds; class ${cls} has only ${count} rows (each fold needs at least one).`,
  tooFewGroups: (where: string, k: number, groups: number) => `${where}: cannot make ${k} folds from ${groups} distinct groups.`,
  tooFewRows: (where: string, need: number, n: number) => `${where}: needs at least ${need} rows, got ${n}.`,
  foldScoresLength: (fold: number, expected: number, got: number) =>
    `crossValidate: fitPredict for fold ${fold} returned ${got} scores for ${expected} held-out rows.`,
  renderFailed: (chart: string, cause: string) => `Rendering chart '${chart}' failed: ${cause}`,
  fontFallback: (searched: string[]) =>
    `@abt/eval charts: no DejaVu Sans font found (searched ${searched.join(', ')}); falling back to system fonts — ` +
    `PNG text may be missing. Install fonts-dejavu-core or pass fontFiles.`,
  assetNotFound: (pkg: string, file: string, cause: string) => `renderReport: could not read ${pkg}/${file} to inline it (${cause}).`,
  packageRootNotFound: (pkg: string, entry: string) => `package root of ${pkg} not found above ${entry}`,
  skippedTooSmall: (n: number, minN: number) => `too small: n = ${n} < minN = ${minN}`,
  skippedSingleClass: (n: number, cls: number) => `single class: all ${n} labels are ${cls}`,
  skippedEmpty: () => 'empty: no evaluation rows fall in this segment',
  surplusArgument: (fn: string, position: number, params: readonly string[]) =>
    `${fn}: unexpected argument ${position}; ${fn} takes ${params.length === 0 ? 'no arguments' : `at most ${params.length} (${params.join(', ')})`}.`,
  badSeed: (fn: string, value: unknown) => `${fn}: seed = ${String(value)} (${typeof value}); a seed must be a finite number or an Rng function.`,
  unknownKey: (fn: string, name: string, key: string, allowed: readonly string[]) =>
    `${fn}: ${name} has the unknown key ${JSON.stringify(key)}; ${fn} implements ${allowed.length === 0 ? 'no keys there' : allowed.join(', ')}.`,
  notAnObject: (fn: string, name: string, value: unknown) =>
    `${fn}: ${name} must be an object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`,
  negativeWeight: (where: string, index: number, value: number) => `${where}: sampleWeight[${index}] is ${value}; sample weights must be >= 0.`,
  allZeroWeights: (where: string, n: number) => `${where}: all ${n} sample weights are 0; at least one must be positive (as scikit-learn requires).`,
  zeroWeightClass: (where: string, cls: number) =>
    `${where} is undefined: every row of class ${cls} has sample weight 0; ${cls === 1 ? 'the positives' : 'the negatives'} need a positive total weight.`,
  /** The online A/B statistics (src/ab). */
  ab: {
    notCount: (where: string, name: string, value: number) => `${where}: ${name} = ${value}; expected a non-negative integer count.`,
    successesExceedTrials: (where: string, arm: string, successes: number, n: number) =>
      `${where}: arm ${arm} has ${successes} successes out of ${n} users; successes cannot exceed users.`,
    tooFewUsers: (where: string, arm: string, n: number, min: number) => `${where}: arm ${arm} has ${n} users; at least ${min} are needed.`,
    tooFewArms: (where: string, arms: number) => `${where}: ${arms} arm(s) given; at least 2 are needed.`,
    zeroDenominator: (where: string, arm: string) => `${where}: the denominators of arm ${arm} sum to 0; a ratio metric needs a positive denominator total.`,
    weightsLength: (where: string, counts: number, weights: number) => `${where}: ${counts} observed counts but ${weights} weights; give one weight per arm.`,
    badWeight: (where: string, index: number, value: number) => `${where}: weights[${index}] = ${value}; weights must be positive finite numbers.`,
    badSums: (where: string, arm: string, field: string, value: unknown) =>
      `${where}: ${arm}.${field} = ${JSON.stringify(value)}; expected ${field === 'n' ? 'a non-negative integer' : field.startsWith('sum (binary)') ? 'an integer between 0 and n (a count of 0/1 values)' : 'a finite number'}.`,
    noCheckpoints: (where: string) => `${where}: no checkpoints; give at least one.`,
    noUsableLook: (where: string, looks: number) =>
      `${where}: none of the ${looks} timeline looks has 2+ users in both arms and a non-zero variance of B − A; the sequential test needs at least one.`,
    badCheckpoint: (where: string, index: number, what: string, value: number) =>
      `${where}: checkpoints[${index}].${what} = ${value}; expected a finite number${what === 'variance' || what === 'nullVariance' ? ' ≥ 0' : what === 'users' ? ' > 0' : ''}.`,
    zeroCheckpointVariance: (where: string, index: number) =>
      `${where}: checkpoints[${index}] has variance 0 and no positive nullVariance; a look without variance carries no information, leave it out.`,
    badUsersPerArm: (where: string, index: number, value: unknown, users: number) =>
      `${where}: checkpoints[${index}].usersPerArm = ${JSON.stringify(value)}; expected [users of A, users of B], two numbers ≥ 0 summing to users = ${users}.`,
    invalidPrior: (where: string, value: unknown) => `${where}: prior = ${JSON.stringify(value)} is invalid; expected { alpha > 0, beta > 0 }.`,
    mdeOutOfRange: (where: string, baseline: number, mde: number, relative: boolean) =>
      `${where}: an effect of ${mde}${relative ? ' (relative)' : ''} on a baseline of ${baseline} leaves [0, 1]; no proportion can move that far.`,
    needVariance: (where: string) =>
      `${where}: baseline is outside (0, 1), so it is not a proportion; pass variance (per-user variance of the metric) for a mean.`,

    // readout texts
    verdictWinner: (metric: string, winner: 'A' | 'B', liftRel: number, p: number, alpha: number) =>
      `${winner} wins on ${metric}: ${liftText(liftRel)} (B vs A), ${p4(p)} < α = ${alpha}.`,
    verdictNoDifference: (metric: string, liftRel: number, p: number, alpha: number, mdeRel: number) =>
      `No significant difference on ${metric} at α = ${alpha} (${liftText(liftRel)}, ${p4(p)}); ` +
      (Number.isFinite(mdeRel)
        ? `the smallest relative effect this sample detects with the chosen power is ${pct(mdeRel)}.`
        : `${NO_DATA} to tell the smallest relative effect this sample detects.`),
    verdictSrm: (p: number, threshold: number) =>
      `Sample ratio mismatch (χ² ${p4(p)} < ${threshold}): assignment is broken, so the lift cannot be trusted; fix the assignment before reading results.`,
    noteSrm: (observed: readonly number[], expected: readonly number[], p: number, mismatch: boolean) =>
      `Assignment: ${observed.map((o) => o.toLocaleString('en-US')).join(' / ')} users (expected ${expected.map((e) => Math.round(e).toLocaleString('en-US')).join(' / ')}); ` +
      `SRM χ² ${p4(p)} — ${mismatch ? 'MISMATCH' : 'no mismatch'}.`,
    noteCuped: (reduction: number, liftRel: number, p: number) =>
      `CUPED with the pre-period covariate removes ${pct(reduction, 1)} of the variance; adjusted ${liftText(liftRel)}, ${p4(p)}.`,
    noteSequential: (rejected: boolean, p: number, checkpoints: number, firstIndex: number, alpha: number, burnIn?: { perArm: number; looks: number }) =>
      burnIn && burnIn.looks === checkpoints
        ? `Sequential (mSPRT, always valid): all ${checkpoints} checkpoints are within its burn-in (fewer than ${burnIn.perArm} users in an arm), where it may not reject yet.`
        : rejected
          ? `Sequential (mSPRT, always valid): significant at α = ${alpha} from checkpoint ${firstIndex + 1} of ${checkpoints}; always-valid ${p4(p)}.`
          : `Sequential (mSPRT, always valid): not significant at α = ${alpha} after ${checkpoints} checkpoints (always-valid ${p4(p)}); peeking at every checkpoint is safe.`,
    noteBayes: (chance: number, lossA: number, lossB: number) =>
      `Bayesian: chance that B beats A ${pct(chance, 1)}; expected loss choosing A ${expo(lossA)}, choosing B ${expo(lossB)}.`,
    notePower: (mdeRel: number, required: number, plannedMde: number) =>
      Number.isFinite(mdeRel) && Number.isFinite(required)
        ? `Power: with these users the minimum detectable relative effect is ${pct(mdeRel)}; detecting ${pct(plannedMde, 1)} needs ${count(required)} users per arm.`
        : `Power: ${NO_DATA} to tell the minimum detectable effect or the users needed to detect ${pct(plannedMde, 1)}.`,
  },
  /** The report's decision (src/report/decision): one verdict from offline, CV and online evidence. */
  decision: {
    headlineStartTest: () => 'Start the online test: there is no online readout yet',
    headlineSrm: () => 'Do not decide: fix the assignment first (sample ratio mismatch)',
    headlineNotEnoughData: () => 'Continue the test: not enough data yet',
    headlineShip: (name: string) => `Ship ${name}`,
    headlineKeep: (name: string) => `Keep ${name}: no online difference`,
    headlinePeeking: () => 'Continue the test: significant only at an unplanned look',
    headlineContinue: () => 'Continue the test: no significant online difference yet',
    noOnlineTest: (lean: string | null) =>
      `No online experiment is attached. Offline metrics score held-out ratings, not what users do when they are served, so they rank candidates but do not ship one${lean ? `; offline, ${lean} is the one to beat` : ''}.`,
    offlineSays: (summary: string) => `Offline (test set): ${summary}.`,
    cvSays: (summary: string) => `Cross-validation: ${summary}.`,
    srm: (p: number, users: readonly number[]) =>
      `The arms hold ${users.map(count).join(' / ')} users, which the configured weights make very unlikely (SRM ${p4(p)}): assignment or logging is broken, so no online number can be trusted. Fix it and restart the test.`,
    notEnoughData: (nA: number, nB: number, min: number) =>
      `The online test has ${count(nA)} / ${count(nB)} users in its arms; its tests need at least ${min} per arm before their numbers mean anything (${NO_DATA}).`,
    moreUsers: (total: number, perArm: number, required: number, mde: number) =>
      `To detect a ${pct(mde, 1)} relative effect with the planned power it needs ${count(required)} users per arm: ${count(perArm)} more in the smaller arm, about ${count(total)} more users in all.`,
    cannotPlan: () => `How many more users it needs cannot be planned from these data yet (${NO_DATA}).`,
    disagree: (offline: string, online: string) =>
      `Offline favours ${offline} while the online estimate leans to ${online}: offline metrics score held-out ratings, the online test measures what users do, and only the online test decides.`,
    cupedDiffers: (liftRel: number, p: number, significant: boolean) =>
      `CUPED (a secondary analysis) ${significant ? 'finds a significant' : 'finds no significant'} adjusted lift (${signedPct(liftRel, 1)}, ${p4(p)}), unlike the primary test, which decides.`,
    sequentialWin: (name: string, summary: string) =>
      `The always-valid sequential test crossed its boundary in favour of ${name} (${summary}); stopping at this look is safe.`,
    fixedHorizonWin: (name: string, summary: string, required: number) =>
      `The test reached its planned ${count(required)} users per arm and ${name} wins (${summary}).`,
    noDifferenceAtPlan: (summary: string, mde: number, required: number) =>
      `The test reached its planned ${count(required)} users per arm without a significant difference (${summary}): any effect is smaller than the ${pct(mde, 1)} it was powered to detect.`,
    tieBreakB: (name: string) => `Offline and cross-validation both favour ${name} significantly, so it is the better bet at no measurable online cost.`,
    tieBreakA: (name: string) => `Offline and cross-validation do not both favour the challenger significantly, so the control ${name} stays.`,
    peeking: (summary: string, alpha: number) =>
      `The fixed-horizon p is below α = ${alpha} (${summary}), but the planned sample is not reached and the always-valid sequential test has not crossed its boundary: stopping on this p would inflate false positives.`,
    underpowered: (summary: string, mde: number) =>
      `No significant online difference (${summary}). ${Number.isFinite(mde) ? `With these users the test detects only effects of ${pct(mde, 1)} or more.` : `The smallest effect these users can detect is unknown (${NO_DATA}).`}`,
    onlineSummary: (o: {
      metric: string;
      liftRel: number;
      ci: readonly [number, number];
      pValue: number;
      sequentialP: number;
      chanceB: number;
      nameB: string;
    }) =>
      Number.isFinite(o.liftRel)
        ? `${o.metric} ${signedPct(o.liftRel, 1)} (B vs A) [${signedPct(o.ci[0], 1)}, ${signedPct(o.ci[1], 1)}], ${p4(o.pValue)}; always-valid ${p4(o.sequentialP)}` +
          (Number.isFinite(o.chanceB) ? `; ${pct(o.chanceB, 0)} chance ${o.nameB} is better` : '')
        : `${o.metric}: ${NO_DATA}`,
    offlineWins: (name: string, won: number, total: number, labels: readonly string[], maxP: number) =>
      `${name} better on ${total === 1 ? labels[0] : won === total ? `all ${total} metrics` : `${won} of ${total} metrics (${labels.join(', ')})`} (${maxP < 1e-4 ? 'p < 0.0001' : `p ≤ ${maxP.toFixed(4)}`})` +
      (won < total ? ', no significant difference on the others' : ''),
    offlineMixed: (nameA: string, labelsA: readonly string[], nameB: string, labelsB: readonly string[]) =>
      `mixed: ${nameA} better on ${labelsA.join(', ')}, ${nameB} better on ${labelsB.join(', ')}`,
    offlineNone: (n: number, alpha: number) => `no significant difference on any of ${n} metric${n === 1 ? '' : 's'} at α = ${alpha}`,
    cvSummary: (c: { ahead: string; by: number; metric: string; folds: number; k: number; pValue: number; tie: boolean }) =>
      c.tie
        ? `no difference in mean ${c.metric} over ${c.k} folds`
        : `${c.ahead} ahead by ${c.by.toFixed(4)} in mean ${c.metric} (better in ${c.folds} of ${c.k} folds; corrected resampled t-test ${p4(c.pValue)})`,
  },
} as const;

/** @deprecated Use `messages.ab` (the one messages module); kept so existing imports still work. */
export const abMessages = messages.ab;
