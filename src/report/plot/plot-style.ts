/** One look for every plot: fixed size (so SVGs are byte-stable) and a plain white style. */
export const PLOT_WIDTH = 560;
export const PLOT_HEIGHT = 340;

export const PLOT_CONFIG = {
  background: "white",
  font: "sans-serif",
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: "#eeeeee" },
  legend: { labelFontSize: 11, orient: "right", labelLimit: 320 },
  title: { fontSize: 14, anchor: "start" },
} as const;
