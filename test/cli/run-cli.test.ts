/** `runCli`: the command line in this process, with its output captured and the process left as it was. */
import { realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { tempDir } from "./helpers.js";

const COPY = ["estimate", "--op", "copy", "--bytes", "1024"];

describe("runCli", () => {
  it("captures stdout, stderr and the exit status, and puts the process back as it was", async () => {
    const before = {
      argv: process.argv,
      cwd: process.cwd(),
      exitCode: process.exitCode,
      write: process.stdout.write,
      errWrite: process.stderr.write,
    };
    const good = await runCli([...COPY, "--json"]);
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ hardware: "h100-sxm", bytes: 1024 });
    expect(good.stderr).toBe("");
    const usage = await runCli([...COPY, "--bogus"]);
    expect(usage).toEqual({
      status: 2,
      stdout: "",
      stderr: "wattif: Unknown argument: bogus\n\nRun 'wattif --help' for usage.\n",
    });
    const bad = await runCli([...COPY, "--hardware", "h999"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/^wattif: unknown hardware profile 'h999'/);
    expect({
      argv: process.argv,
      cwd: process.cwd(),
      exitCode: process.exitCode,
      write: process.stdout.write,
      errWrite: process.stderr.write,
    }).toEqual(before);
  });

  it("prints --help and --version on stdout with exit 0 (the process keeps running)", async () => {
    const help = await runCli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^wattif <command> \[options\]\n/);
    expect(help.stderr).toBe("");
    expect((await runCli(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("runs in the given working directory and sees its own arguments in process.argv", async () => {
    const dir = tempDir();
    const r = await runCli(["validate", "hardware-profiles/h200.yaml"], { cwd: dir });
    // Relative to the run's directory, where there is no such file.
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("hardware-profiles/h200.yaml");
    expect(process.cwd()).not.toBe(realpathSync(dir));
  });

  it("queues concurrent runs, so each gets only its own output", async () => {
    const freqs = [1980, 1200, 810];
    const runs = await Promise.all(
      freqs.map((f) => runCli([...COPY, "--freq", String(f), "--json"])),
    );
    expect(runs.map((r) => (JSON.parse(r.stdout) as { freqMHz: number }).freqMHz)).toEqual(freqs);
  });
});
