/**
 * Run the command line inside this process and capture what it prints, as `node
 * dist/cli/main.js ...argv` would in its own: the tests would otherwise pay a process start
 * (mostly module loading) per call.
 *
 * For the length of a run, process.argv, the working directory, stdout/stderr writes and
 * process.exitCode are the run's own, then put back. Runs are queued one at a time, since these
 * are process-wide; changing the directory needs a main thread (not a worker thread).
 */
import { fileURLToPath } from "node:url";
import { cli } from "../../src/cli/cli.js";

export interface CliResult {
  /** The exit code the process would have ended with. */
  status: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Working directory of the run (default: the current one). */
  cwd?: string;
}

/** The executable's path, as process.argv[1] of a real run. */
const BIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

let queue: Promise<unknown> = Promise.resolve();

export function runCli(argv: readonly string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const run = queue.then(() => captured(argv, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function captured(argv: readonly string[], opts: RunCliOptions): Promise<CliResult> {
  const out = { stdout: "", stderr: "" };
  const { stdout, stderr } = process;
  const writes = { stdout: stdout.write, stderr: stderr.write };
  const capture = (key: "stdout" | "stderr") =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out[key] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    }) as typeof stdout.write;
  const argvBefore = process.argv;
  const cwdBefore = process.cwd();
  try {
    if (opts.cwd !== undefined) process.chdir(opts.cwd);
    process.argv = [process.execPath, BIN, ...argv];
    stdout.write = capture("stdout");
    stderr.write = capture("stderr");
    const status = await cli(argv);
    return { status, ...out };
  } finally {
    stdout.write = writes.stdout;
    stderr.write = writes.stderr;
    process.argv = argvBefore;
    if (process.cwd() !== cwdBefore) process.chdir(cwdBefore);
  }
}
