/** Small stdout helpers for human-readable output (results go to stdout, logs to stderr). */
export function printKeyValues(rows: readonly (readonly [string, string | number])[]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
