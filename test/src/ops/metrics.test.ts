import { describe, expect, it } from 'vitest';
import { Metrics } from '../../../src/ops/metrics.js';

describe('Metrics', () => {
  it('reports an empty outbox before it is given a store', async () => {
    const text = await new Metrics({ defaultMetrics: false }).scrape();
    expect(text).toMatch(/^pp_outbox_oldest_age_seconds 0$/m);
    expect(text).not.toMatch(/^pp_outbox_depth\{/m);
  });

  it('reads open pulse rounds at scrape time and forgets rounds that have closed', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    let open = [{ orgId: 'tenant-1', roundId: 'r1', rate: 0.71 }];
    metrics.watchPulseRates(async () => open);
    expect(await metrics.scrape()).toMatch(/^pp_pulse_response_rate\{org="tenant-1",round="r1"\} 0\.71$/m);
    open = [];
    expect(await metrics.scrape()).not.toContain('round="r1"');
  });

  it('includes the Node process metrics unless turned off', async () => {
    expect(await new Metrics().scrape()).toContain('process_cpu_user_seconds_total');
  });
});
