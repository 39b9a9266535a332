// The fault types and study cases of IEC 60909-0:2016, apart from the study options so that
// every schema using them (studies, batch studies, N-1 screening) can import them without a cycle.

export const FAULT_TYPES = ["3ph", "2ph", "1ph", "2ph_earth"] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** max: rating of equipment (c_max, motors included); min: protection settings (c_min, hot lines). */
export const STUDY_CASES = ["max", "min"] as const;
export type StudyCase = (typeof STUDY_CASES)[number];
