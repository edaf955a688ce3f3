// The command line reads datasets with the library's loader (internal-customer/load): folders of
// collection CSV files, exports with NAME.mapping.json beside them, or a dataset JSON.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type LoadDatasetResult, loadDataset } from '../load/loadDataset.js';
import { usageError } from './errors.js';
import { columnMapping } from './readTable.js';

export { latestDay } from '../internal/latestDay.js';
export { loadDataset } from '../load/loadDataset.js';

/**
 * The dataset of a command that reads a whole organisation (`report`, `scorecards`): a folder or
 * dataset JSON as `loadDataset` reads it, or, with `--mapping`, one export and the mapping file the
 * other commands take (for a folder, the mapping reads the file its `"file"` names, beside the
 * folder's own NAME.mapping.json). A mapping of the csv module's older format renames headers of
 * one file only and is refused here with what to use instead. @internal
 */
export async function loadCommandDataset(
  path: string,
  mappingPath: string | undefined,
): Promise<LoadDatasetResult> {
  if (mappingPath === undefined) return loadDataset(path);
  const mapping = (await columnMapping(mappingPath)).load;
  if (mapping === undefined)
    throw usageError(
      `--mapping ${mappingPath}: a dataset is read with a mapping file of the load module (with "kind": "employees" or "responses"; see the README, "Mapping files"), not with header renames`,
    );
  let folder = false;
  try {
    folder = (await stat(path)).isDirectory();
  } catch {
    // loadDataset names a path it cannot read
  }
  if (folder && mapping.file === undefined)
    throw usageError(
      `--mapping ${mappingPath} with the folder ${path}: say which file it reads ("file": "NAME.csv" in the mapping), or give the file itself`,
    );
  const target = folder ? mapping.file! : basename(path);
  return loadDataset(path, { mappings: { [target]: mapping } });
}
