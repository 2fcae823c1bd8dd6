/**
 * A Vega-Lite spec rendered to SVG in Node: compiled to Vega, run in a headless View (renderer
 * "none": no canvas, no browser) and serialized. Text is measured by Vega's estimate, not a
 * font, so the same spec gives the same bytes on every machine.
 */
import { compile, type TopLevelSpec } from "vega-lite";
import { parse, View } from "vega";

/** The headless view of `spec`, run; the caller finalizes it. */
export async function renderView(spec: TopLevelSpec): Promise<View> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  await view.runAsync();
  return view;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = await renderView(spec);
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}
