import { quote } from '../errors.js';
import { cellText, type FieldResult } from './field.js';

const ANSWERS = new Map<string, boolean>([
  ['yes', true], ['y', true], ['true', true], ['1', true], ['met', true],
  ['no', false], ['n', false], ['false', false], ['0', false], ['not met', false],
]);

/** Whether a referral met the threshold: yes/no, y/n, true/false, 1/0, met/not met. */
export function parseThresholdMet(cell: string | undefined): FieldResult<boolean> {
  const text = cellText(cell);
  if (text === undefined) return {};
  const answer = ANSWERS.get(text.toLowerCase().replace(/[\s_-]+/g, ' '));
  return answer === undefined ? { warning: `unreadable threshold_met ${quote(text)} (yes/no), not used` } : { value: answer };
}
