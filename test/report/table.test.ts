import { describe, it, expect } from "vitest";
import { formatTable, markRow } from "../../src/report/index.js";

describe("formatTable", () => {
  const rows = [
    { name: "h100", freqMHz: 1980, energyJ: 12.3456 },
    { name: "a100-sxm", freqMHz: 1410, energyJ: 7 },
  ];

  it("aligns text left and numbers right with fixed digits", () => {
    const text = formatTable(rows, [
      { key: "name", header: "GPU" },
      { key: "freqMHz", header: "freq", unit: "MHz" },
      { key: "energyJ", header: "energy", unit: "J", digits: 2 },
    ]);
    expect(text).toBe(
      [
        "GPU       freq (MHz)  energy (J)",
        "--------  ----------  ----------",
        "h100            1980       12.35",
        "a100-sxm        1410        7.00",
        "",
      ].join("\n"),
    );
  });

  it("prints a leading mark column when rows carry _mark", () => {
    const text = formatTable(
      [markRow({ t: 1.5 }, "*"), { t: 2 }, markRow({ t: 10 }, "<- default")],
      [{ key: "t", digits: 1 }],
    );
    expect(text).toBe(
      [
        "               t",
        "            ----",
        "*            1.5",
        "             2.0",
        "<- default  10.0",
        "",
      ].join("\n"),
    );
  });

  it("honours explicit alignment, dotted keys, and empty cells", () => {
    const text = formatTable(
      [{ id: 7, ttftS: { p50: 0.125 } }, { id: 12 }],
      [
        { key: "id", align: "left" },
        { key: "ttftS.p50", header: "p50", align: "right" },
      ],
    );
    expect(text).toBe(["id    p50", "--  -----", "7   0.125", "12", ""].join("\n"));
  });

  it("leaves no trailing spaces", () => {
    const text = formatTable(rows, [{ key: "name" }, { key: "energyJ", digits: 3 }]);
    for (const line of text.split("\n")) expect(line).toBe(line.trimEnd());
  });

  it("prints negative zero without a sign", () => {
    const text = formatTable([{ x: -0.0001 }], [{ key: "x", digits: 2 }]);
    expect(text).toBe(["   x", "----", "0.00", ""].join("\n"));
  });

  it("refuses a non-finite number, naming its column and row (a bug, never printed)", () => {
    const rows = [{ x: 1 }, { x: NaN }];
    expect(() => formatTable(rows, [{ key: "x", header: "energy" }])).toThrow(
      "table column energy, row 2 is NaN",
    );
  });

  it("prints header and rule for no rows", () => {
    expect(formatTable([], [{ key: "a", header: "alpha" }])).toBe("alpha\n-----\n");
  });
});
