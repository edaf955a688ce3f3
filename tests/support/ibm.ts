/**
 * Test, benchmark and example helpers for the retention model (Node only, not public API): where
 * the IBM HR attrition file lives and how to read it with the library's own CSV reader.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IBM_URL, IbmRowSchema } from '../../examples/lib/ibmFile.js';
import { collectCsv } from '../../src/csv/collectCsv.js';
import { readCsvFile } from '../../src/csv/readCsvFile.js';
import type { RetentionRow } from '../../src/retention/model/fitRetentionModel.js';

export {
  IBM_FEATURES,
  IBM_PROTECTED,
  IBM_SCALES,
  IbmRowSchema,
} from '../../examples/lib/ibmFile.js';

/** The IBM file, shipped in `examples/data/` (a byte-for-byte copy, with its licence note). */
export const IBM_PATH = fileURLToPath(IBM_URL);

/** The message a test or benchmark prints when it skips for want of the file. */
export const IBM_MISSING = `the IBM HR attrition file is not at ${IBM_PATH}: skipped`;

/** Whether the file is there. */
export function ibmAvailable(path: string = IBM_PATH): boolean {
  return existsSync(path);
}

/** Reads the file (UTF-8 with BOM, CRLF) with readCsvFile; throws if any row has an issue. */
export async function loadIbmRows(path: string = IBM_PATH): Promise<RetentionRow[]> {
  const { records, issues } = await collectCsv(readCsvFile(path, { schema: IbmRowSchema }));
  if (issues.length > 0) {
    throw new Error(`${path}: ${issues.length} issue(s), first: ${issues[0]!.message}`);
  }
  return records as RetentionRow[];
}
