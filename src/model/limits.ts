/**
 * How much of a name or an address linkage examines. Comparing two names costs the product of
 * their lengths (Jaro-Winkler), so five rows with 100 KB names took 143 s to merge; no real name
 * or address comes near these, and a longer one is warned about on its row.
 */
export const COMPARED_NAME_CHARS = 100;
export const COMPARED_ADDRESS_CHARS = 200;
