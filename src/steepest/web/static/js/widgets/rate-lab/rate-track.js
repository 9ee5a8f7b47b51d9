// The marks under the rate slider: the bands where the steepest direction's factor 1 − ηλmax
// lies in [0, 1) (stable), (−1, 0) (oscillates) and below −1 (diverges), split at 1/λmax and
// at the threshold 2/λmax. The steepest direction is the worst one, so the bands are also what
// the whole walk does.

import { element } from "../surface/svg.js";

// The stylesheet's thumb width (.rate-lab-slider): the thumb's centre runs from THUMB/2 to
// width − THUMB/2, so that is where a rate sits under it.
const THUMB = 20;
const HEIGHT = 44;
const BAND = 18;
const LETTER = 7; // a band's word shows only where it fits, at about this many px a letter

export function drawTrack(svg, slider, spec) {
  const bands = [
    ["stable", Number(slider.min), spec.onset],
    ["oscillates", spec.onset, spec.threshold],
    ["diverges", spec.threshold, Number(slider.max)],
  ];
  const marks = [
    [spec.onset, spec.onsetText],
    [spec.threshold, `2/λmax = ${spec.thresholdText}`],
  ];
  drawMarks(svg, slider, bands, marks);
}

// Coloured bands [kind, from, to] and labelled marks [value, text, side] under any range slider
// (the momentum lab marks its two sliders with it). A mark's side, "left" or "right", puts its
// label beside the mark rather than centred under it, so that two close marks both read.
export function drawMarks(svg, slider, bands, marks) {
  const width = Math.max(160, Math.round(slider.getBoundingClientRect().width));
  const low = Number(slider.min);
  const high = Number(slider.max);
  const x = (rate) => THUMB / 2 + ((Math.min(high, Math.max(low, rate)) - low) / (high - low)) * (width - THUMB);
  svg.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
  svg.replaceChildren();
  for (const [kind, from, to] of bands) {
    const [left, right] = [x(from), x(to)];
    if (right - left < 1) continue;
    element("rect", { x: left, y: 0, width: right - left, height: BAND, class: `rate-band rate-band-${kind}` }, svg);
    if (right - left > kind.length * LETTER + 8) {
      element("text", { x: (left + right) / 2, y: BAND / 2, class: "rate-band-word" }, svg).textContent = kind;
    }
  }
  for (const [rate, text, side] of marks) {
    if (rate > high) continue;
    element("line", { x1: x(rate), x2: x(rate), y1: 0, y2: BAND + 6, class: "rate-mark" }, svg);
    const shift = { left: -3, right: 3 }[side] ?? 0;
    const label = element("text", { x: x(rate) + shift, y: BAND + 18, class: "rate-mark-label" }, svg);
    label.textContent = text;
    if (side) label.setAttribute("text-anchor", side === "left" ? "end" : "start");
    // Keep the label inside the track at its ends.
    if (x(rate) + text.length * 3.5 > width) label.setAttribute("text-anchor", "end");
  }
}
