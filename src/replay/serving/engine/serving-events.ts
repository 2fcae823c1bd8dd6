/**
 * The events a serving replay puts on the kernel, by name, and the order they take when they
 * fall on the same instant (the kernel orders events by time, then priority, then insertion):
 *   arrival        requests reach the router (cluster/serve-inputs.ts, one event per instant)
 *   kvTransfer     a prefilled request's KV cache lands on a decode replica (disaggregation)
 *   wake           an idle replica starts an iteration because new work arrived
 *   iterationEnd   an iteration's tokens are emitted and the replica schedules its next one
 * Engine events (wake, iterationEnd) run after arrivals and transfers at the same instant, so
 * the iteration that starts then sees every request that has arrived.
 */
export const SERVING_EVENT_PRIORITY = {
  arrival: 0,
  kvTransfer: 0,
  wake: 1,
  iterationEnd: 1,
} as const;

export type ServingEventKind = keyof typeof SERVING_EVENT_PRIORITY;
