/**
 * What a stretch of a power timeline was: running work (busy), host overhead between a serving
 * engine's iterations, a clock-switch stall, idle with nothing to do, or blocking (a training
 * stage waiting on its peers). Only busy time runs work; a power-cap controller re-prices it.
 */
export const SegmentKind = { Busy: 0, Overhead: 1, Switch: 2, Idle: 3, Blocking: 4 } as const;
export type SegmentKind = (typeof SegmentKind)[keyof typeof SegmentKind];

/** Every kind, in value order (value = index). */
export const SEGMENT_KINDS: readonly SegmentKind[] = Object.values(SegmentKind);
