// The script a Python Script component runs, written when it does not exist yet. The component
// runs it in a Dagster Pipes subprocess for the assets of the run, so reporting each of them
// materialized is all a script must do to succeed; the work goes above the report.
import type { WarningItem } from '../api/types'
import { createFile } from '../code'

export const STARTER_SCRIPT = `from dagster_pipes import open_dagster_pipes

with open_dagster_pipes() as pipes:
    for asset_key in pipes.asset_keys if pipes.is_asset_step else []:
        # compute and write the asset here
        pipes.log.info(f"materializing {asset_key}")
        pipes.report_asset_materialization(asset_key=asset_key)
`

/** Creates the script a `missing_file` warning names (refused when it exists by now). */
export const createMissingScript = (projectId: string, warning: WarningItem) =>
  createFile(projectId, warning.path!, STARTER_SCRIPT)
