import { createExperiment, RouterModel, type Policy } from '@abt/router';
import { describe, expect, it } from 'vitest';
import { armReports } from './arm-report';
import { renderDemoPage } from './html-page';

const constant = (v: number): Policy => ({ version: 1, name: 'c', modelVersion: '7', predict: (rows) => new Float64Array(rows.userId.length).fill(v) });

describe('renderDemoPage', () => {
  it('escapes user data and lists every arm and sampled row', () => {
    const router = RouterModel.create({
      experiment: createExperiment({ key: '<key&>', arms: [{ name: 'A<b>' }, { name: 'B' }] }),
      policies: { 'A<b>': constant(0.3), B: constant(0.6) },
    });
    const test = {
      length: 4,
      userId: Int32Array.from([1, 2, 3, 4]),
      movieId: Int32Array.from([5, 6, 7, 8]),
      rating: Float32Array.from([4, 1, 5, 2]),
      timestamp: Float64Array.from([9e8, 9e8, 9e8, 9e8]),
      label: Uint8Array.from([1, 0, 1, 0]),
    };
    const predictions = router.predictColumns({ length: test.length, userId: test.userId, movieId: test.movieId, timestamp: test.timestamp });
    const html = renderDemoPage({
      modelUri: 'models:/r@"x"',
      routerVersion: '3',
      description: router.describe(),
      data: 'd.zip',
      seed: 1,
      reports: armReports(router.describe(), predictions, test.label, test.userId),
      shown: Int32Array.from([0, 2]),
      test,
      predictions,
      svgs: { roc: '<svg id="roc"></svg>' },
    });
    expect(html).toContain('A&lt;b&gt;');
    expect(html).toContain('&lt;key&amp;&gt;');
    expect(html).toContain('models:/r@&quot;x&quot; v3');
    expect(html).not.toContain('A<b>');
    expect(html).toContain('<figure data-chart="roc"><svg id="roc"></svg></figure>');
    expect(html.match(/<tr>/g)?.length).toBe(1 + 2 + 1 + 2); // arms head + 2 arms, assignments head + 2 rows
    // The per-arm AUCs are on different rows with different base rates, and the page says so.
    expect(html).toContain('These AUCs do not compare the two models.');
    expect(html).toContain('positive rate A&lt;b&gt; 100.0 %, B 33.3 %');
  });
});
