/**
 * Timestamp quantisation: times are floored to a multiple of the dataset's step, so a dataset
 * timestamp cannot be joined with the precise times other systems log (badge readers, mail
 * servers) and keystroke timing cannot serve as a biometric. Flooring keeps the order of actions.
 */

export function quantise(t: number, stepMs: number): number {
  return Math.floor(t / stepMs) * stepMs;
}
