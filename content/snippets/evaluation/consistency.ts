/**
 * Checks for training/serving skew: score one batch of requests both offline (the training
 * pipeline's features and model) and online (the serving path), then compare them sample by
 * sample and feature by feature; and monitor feature null rates and distribution shift.
 */

export type FeatureRow = Readonly<Record<string, number | null>>;

export interface LoggedSample {
  /** Request-and-item key that identifies the same sample on both paths. */
  id: string;
  score: number;
  features: FeatureRow;
}

export interface Tolerance {
  /** Allowed absolute difference (float noise, quantisation). */
  abs: number;
  /** Allowed difference relative to the offline value. */
  rel: number;
}

// #region compare
export interface ConsistencyReport {
  compared: number;
  /** Samples whose two scores differ by more than abs + rel * |offline|. */
  scoreMismatches: { id: string; offline: number; online: number }[];
  /** Ids logged on one path only: a join or logging bug before any model question. */
  onlyOffline: string[];
  onlyOnline: string[];
  /** For each feature, how many compared samples disagree on it, most first. */
  featureMismatches: [feature: string, count: number][];
}

function close(a: number | null | undefined, b: number | null | undefined, tol: Tolerance): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (a === b) return true; // also equal infinities, whose difference is NaN
  return Math.abs(a - b) <= tol.abs + tol.rel * Math.abs(a);
}

/**
 * Score mismatches say *that* the paths disagree; the per-feature counts say *where*: the feature
 * that disagrees on most mismatched samples is the first suspect (a different default for missing
 * values, a stale lookup, a unit change).
 */
export function compareOfflineOnline(
  offline: readonly LoggedSample[],
  online: readonly LoggedSample[],
  tol: Tolerance = { abs: 1e-6, rel: 1e-4 },
): ConsistencyReport {
  if (!(tol.abs >= 0 && tol.rel >= 0))
    throw new RangeError(`compareOfflineOnline: tolerances must be >= 0, got ${tol.abs}, ${tol.rel}`);
  const onlineById = new Map(online.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const report: ConsistencyReport = {
    compared: 0,
    scoreMismatches: [],
    onlyOffline: [],
    onlyOnline: [],
    featureMismatches: [],
  };
  const featureCounts = new Map<string, number>();
  for (const off of offline) {
    const on = onlineById.get(off.id);
    if (!on) {
      report.onlyOffline.push(off.id);
      continue;
    }
    seen.add(off.id);
    report.compared++;
    if (!close(off.score, on.score, tol))
      report.scoreMismatches.push({ id: off.id, offline: off.score, online: on.score });
    // A feature present on one side only also counts as a disagreement.
    for (const name of new Set([...Object.keys(off.features), ...Object.keys(on.features)]))
      if (!close(off.features[name], on.features[name], tol))
        featureCounts.set(name, (featureCounts.get(name) ?? 0) + 1);
  }
  for (const s of online) if (!seen.has(s.id)) report.onlyOnline.push(s.id);
  report.featureMismatches = [...featureCounts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  return report;
}
// #endregion

// #region monitor
/** Share of samples where the feature is missing (null or absent). A jump means a broken source. */
export function nullRate(rows: readonly FeatureRow[], feature: string): number {
  if (rows.length === 0) throw new RangeError('nullRate: rows is empty');
  let missing = 0;
  for (const r of rows) if (r[feature] === null || r[feature] === undefined) missing++;
  return missing / rows.length;
}

/**
 * Population stability index between a reference histogram (training data) and a current one
 * (serving traffic) over the same bins: sum (a_i - e_i) ln(a_i / e_i) on bin shares. It is a
 * symmetrised KL divergence, KL(a || e) + KL(e || a), 0 when the shares agree. Empty bins get a
 * small floor `eps` (0 < eps < 1) so the log stays finite. Counts are finite and >= 0 (weights
 * are fine); they are divided by their largest value before summing, so counts near 1e308,
 * whose plain total would overflow to Infinity, still give the right shares.
 */
export function populationStabilityIndex(reference: readonly number[], current: readonly number[], eps = 1e-4): number {
  if (reference.length !== current.length || reference.length === 0)
    throw new RangeError(
      `populationStabilityIndex: reference (${reference.length}) and current (${current.length}) need the same, non-zero number of bins`,
    );
  if (!(eps > 0 && eps < 1)) throw new RangeError(`populationStabilityIndex: eps must be in (0, 1), got ${eps}`);
  const shares = (counts: readonly number[], name: string): number[] => {
    counts.forEach((c, i) => {
      if (!(c >= 0 && c < Infinity))
        throw new RangeError(`populationStabilityIndex: ${name}[${i}] must be finite and >= 0, got ${c}`);
    });
    const largest = Math.max(...counts);
    if (!(largest > 0)) throw new RangeError(`populationStabilityIndex: ${name} has no counts`);
    const scaled = counts.map((c) => c / largest);
    const total = scaled.reduce((s, c) => s + c, 0);
    return scaled.map((c) => Math.max(c / total, eps));
  };
  const e = shares(reference, 'reference');
  const a = shares(current, 'current');
  return e.reduce((s, ei, i) => s + (a[i]! - ei) * Math.log(a[i]! / ei), 0);
}
// #endregion
