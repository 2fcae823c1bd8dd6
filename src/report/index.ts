export {
  writeFileAtomic,
  writeResultSet,
  createTempNamer,
  type FileContent,
  type TempNamer,
} from "./atomic-write.js";
export { toCsv, csvColumns } from "./csv.js";
export { flatten, isPlainObject } from "./flatten.js";
export { formatNumber, formatValue } from "./format-value.js";
export { toJson } from "./json.js";
export { formatTable, markRow, MARK_KEY, type TableColumn } from "./table.js";
