import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentIo } from '../../../tests/support/cliScratch.js';
import { period } from '../../core/period.js';
import { loadDataset } from '../../load/loadDataset.js';
import { scorecards } from '../../service/scorecards.js';
import { SERVICE_METRICS } from '../../service/serviceMetrics.js';
import { runCli } from '../program.js';
import { scorecardsCommand } from './scorecards.js';

const data = join(import.meta.dirname, '..', '..', '..', 'examples', 'data');

type Card = {
  managerId: string;
  people: number;
  metrics: Record<string, { status: string; value?: number | null }>;
};

describe('scorecardsCommand', () => {
  it('publishes what the gated scorecards publish, and nothing of a suppressed metric', async () => {
    const options = { from: '2025-01-01', to: '2025-06-30', scope: 'tree', minGroup: 5 } as const;
    const output = await scorecardsCommand(data, options);
    const cards = (output.json as { scorecards: Card[] }).scorecards;
    const { dataset } = await loadDataset(data);
    const expected = scorecards(dataset, {
      period: period('2025-01-01', '2025-07-01'),
      asOf: '2025-06-30',
      scope: 'tree',
    });
    expect(cards.map((card) => card.managerId)).toEqual(
      expected.scorecards.map((card) => card.managerId),
    );
    for (const [index, card] of cards.entries()) {
      for (const { id } of SERVICE_METRICS) {
        const cell = expected.scorecards[index]!.metrics[id];
        if (cell.status === 'shown') expect(card.metrics[id]!.value).toBe(cell.value.value);
        else expect(card.metrics[id]).toEqual({ status: 'suppressed' });
      }
    }
    expect(output.csv.rows).toHaveLength(cards.length * SERVICE_METRICS.length);
    const small = cards.find((card) => card.people > 0 && card.people < 5);
    if (small !== undefined) expect(small.metrics.teamEnps).toEqual({ status: 'suppressed' });
  });
});

describe('internal-customer scorecards', () => {
  it('refuses --to before --from (exit 1) and a missing folder (exit 2)', async () => {
    const errors: string[] = [];
    const io = { ...silentIo, stderr: { write: (text: string) => errors.push(text) } };
    expect(
      await runCli(['scorecards', data, '--from', '2025-06-30', '--to', '2025-01-01'], io),
    ).toBe(1);
    expect(errors.join('')).toMatch(/--to requires a day on or after --from/);
    expect(
      await runCli(
        ['scorecards', join(data, 'missing'), '--from', '2025-01-01', '--to', '2025-06-30'],
        io,
      ),
    ).toBe(2);
  });
});
