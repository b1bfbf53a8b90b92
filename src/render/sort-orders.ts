/** The orders `analyse --sort` offers for the human-readable formats; no imports, so the CLI loads it at start-up. */
export const SORT_ORDERS = ['reading', 'level', 'name', 'id'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
