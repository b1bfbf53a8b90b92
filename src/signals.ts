/** The signals that stop a run and that it acts on: passed on to a relaunched node, and a partly written output removed. */
export const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
