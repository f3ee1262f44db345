import { palette } from './palette';

/**
 * One colour per compared run (per model), in the order the runs are listed; the first is the app's
 * accent so a single run looks like every other chart. Colour-blind-safe order after Okabe & Ito (2008).
 */
const RUN_COLORS = [palette.accent, palette.reference, '#009e73', '#cc79a7', '#56b4e9', '#e69f00', '#7b8794'] as const;

export function runColor(index: number): string {
  return RUN_COLORS[index % RUN_COLORS.length];
}
