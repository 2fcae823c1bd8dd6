import { describe, it, expect } from "vitest";
import { formatNumber, formatValue } from "../../src/report/index.js";

describe("formatNumber", () => {
  it.each([
    [0.1 + 0.2, "0.3"],
    [1e-7, "1e-7"],
    [12345678, "12345678"],
    [123456.78, "123457"],
    [1234567.8, "1234570"],
    [2 / 3, "0.666667"],
    [-1.5, "-1.5"],
    [1e21, "1e+21"],
    [-0, "0"],
    [0, "0"],
  ])("formats %s as %s", (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });

  it.each([NaN, Infinity, -Infinity])("refuses %s (a bug, never printed)", (x) => {
    expect(() => formatNumber(x)).toThrow(`a number to print is ${x}`);
  });
});

describe("formatValue", () => {
  it("formats booleans, nullish, strings, dates and bigints", () => {
    expect(formatValue(true)).toBe("true");
    expect(formatValue(false)).toBe("false");
    expect(formatValue(undefined)).toBe("");
    expect(formatValue(null)).toBe("");
    expect(formatValue("x")).toBe("x");
    expect(formatValue(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
    expect(formatValue(10n ** 20n)).toBe("100000000000000000000");
  });
});
