// Complete API shapes for tests: each builder fills what a test does not care about.
import type { Asset, AssetCheck, Definitions, WarningItem } from './types'

export const anAsset = (key: string, extra: Partial<Asset> = {}): Asset => ({
  key,
  key_parts: key.split('/'),
  deps: [],
  group: 'default',
  kinds: [],
  owners: [],
  tags: [],
  description: null,
  is_executable: true,
  automation_condition: null,
  code_version: null,
  partitions: null,
  metadata: {},
  source: null,
  defs_path: null,
  defs_index: null,
  ...extra,
})

export const aCheck = (key: string, extra: Partial<AssetCheck> = {}): AssetCheck => ({
  key,
  asset_key: key.split(':')[0],
  name: key.split(':')[1] ?? key,
  additional_deps: [],
  description: null,
  source: null,
  defs_path: null,
  defs_index: null,
  ...extra,
})

export const aWarning = (extra: Partial<WarningItem> & Pick<WarningItem, 'message'>): WarningItem => ({
  kind: 'dangling_key',
  file: null,
  line: null,
  field: null,
  hint: null,
  defs_path: null,
  defs_index: null,
  key: null,
  ...extra,
})

export const someDefinitions = (extra: Partial<Definitions> = {}): Definitions => ({
  assets: [],
  asset_checks: [],
  jobs: [],
  schedules: [],
  sensors: [],
  resources: [],
  components: [],
  errors: [],
  warnings: [],
  ...extra,
})
