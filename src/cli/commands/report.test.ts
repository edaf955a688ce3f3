import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scratchFolder, silentIo } from '../../../tests/support/cliScratch.js';
import { reportCommand } from './report.js';

const data = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples/data');
const scratch = scratchFolder('report');

const io = silentIo;
const options = { minGroup: 5, version: 'test' };

describe('reportCommand', () => {
  it('writes into a folder that does not exist yet, from responses without invitations', async () => {
    const folder = join(scratch, 'no-invitations');
    copyFolderWithout(data, folder, 'invitations.csv');
    const out = join(scratch, 'new', 'deeper', 'report.html');
    const result = await reportCommand(folder, { ...options, out }, io);
    expect(existsSync(out)).toBe(true);
    expect(result.sections.map((section) => section.id)).toContain('enps');
  }, 60_000);

  it('reads and writes back a release ledger (--ledger), created when missing', async () => {
    const ledger = join(scratch, 'ledger.json');
    await reportCommand(data, { ...options, out: join(scratch, 'ledgered.html'), ledger }, io);
    const written = JSON.parse(readFileSync(ledger, 'utf8')) as { entries: unknown[] };
    expect(written.entries.length).toBeGreaterThan(0);
  }, 60_000);

  it('fails before reading the data when the folder of --out cannot be made', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    await expect(
      reportCommand(join(scratch, 'no-such-data'), { ...options, out: join(file, 'r.html') }, io),
    ).rejects.toThrow(/^cannot create the folder of --out /);
  });
});

/** Copies the CSV files of a folder, all but one. */
function copyFolderWithout(from: string, to: string, left: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (name.endsWith('.csv') && name !== left) copyFileSync(join(from, name), join(to, name));
  }
}
