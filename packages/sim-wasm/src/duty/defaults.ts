// Values the duty study assumes when a rating leaves them out; each use adds a note to the check.

/** The d.c. time constant of the standard breaking tests, IEC 62271-100 §4.101.2 (ms). */
export const DEFAULT_DC_TIME_CONSTANT_MS = 45;

/** Rated duration of short circuit, IEC 62271-1 §5.8 and IEC 61439-1 §5.3.4 (s). */
export const DEFAULT_SHORT_TIME_S = 1;

/** Duration of the thermal short-circuit withstand of a transformer, IEC 60076-5 §4.1.3 (s). */
export const DEFAULT_THROUGH_FAULT_S = 2;
