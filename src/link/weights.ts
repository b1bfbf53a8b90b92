/** log2 odds of a probability: the weight scale of Fellegi-Sunter. Apart from config.ts so linkage's workers start without zod. */
export function weightOf(probability: number): number {
  return Math.log2(probability / (1 - probability));
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}
