import { describe, expect, it } from "vitest";
import { InputError } from "../../src/input/input-error.js";
import { asOutputError } from "../../src/report/output-error.js";

describe("asOutputError", () => {
  const errno = (code: string) => Object.assign(new Error(code), { code, path: "/x/y" });

  it("turns what the user can fix into bad input naming the folder", () => {
    for (const [code, why] of [
      ["ENOSPC", /disk is full/],
      ["EACCES", /permission denied/],
      ["EROFS", /read-only/],
      ["ENAMETOOLONG", /too long/],
    ] as const) {
      const e = asOutputError(errno(code), "out");
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toMatch(why);
      expect((e as InputError).message).toMatch(/^out: /);
    }
  });

  it("passes every other error through", () => {
    const bug = new TypeError("x is undefined");
    expect(asOutputError(bug, "out")).toBe(bug);
    const other = errno("ECONNRESET");
    expect(asOutputError(other, "out")).toBe(other);
  });
});
