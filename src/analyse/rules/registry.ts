import { acceleratingFrequency } from './accelerating-frequency.js';
import { agencyDisagreement } from './agency-disagreement.js';
import { caringRole } from './caring-role.js';
import { chronicDuration } from './chronic-duration.js';
import { closedBeforeEngagement } from './closed-before-engagement.js';
import { coOccurringHarm } from './co-occurring-harm.js';
import { escalatingSeverity } from './escalating-severity.js';
import { missedHealthAppointments } from './missed-health-appointments.js';
import { multipleSources } from './multiple-sources.js';
import { parentalRiskFactors } from './parental-risk-factors.js';
import { referralsBelowThreshold } from './referrals-below-threshold.js';
import { repeatedLowLevel } from './repeated-low-level.js';
import { singleAgencyKnowledge } from './single-agency-knowledge.js';
import { startAgain } from './start-again.js';
import { strengthsPresent } from './strengths-present.js';
import type { RegisteredRule } from './types.js';

/** Every indicator rule; findings are reported most serious first, then in this order. Adding a rule: one file and one line here. */
export const RULES: readonly RegisteredRule[] = [
  referralsBelowThreshold,
  closedBeforeEngagement,
  startAgain,
  singleAgencyKnowledge,
  agencyDisagreement,
  missedHealthAppointments,
  coOccurringHarm,
  escalatingSeverity,
  acceleratingFrequency,
  chronicDuration,
  repeatedLowLevel,
  multipleSources,
  parentalRiskFactors,
  caringRole,
  strengthsPresent,
];
