/** The two numbers every pipeline schedule takes, checked with errors naming the field. */
import { checkPositiveInteger } from "../model/validate.js";

export interface ScheduleShape {
  /** Pipeline stages (devices). */
  stages: number;
  /** Microbatches per iteration. */
  microbatches: number;
}

export function checkShape(shape: ScheduleShape): ScheduleShape {
  checkPositiveInteger("stages", shape.stages);
  checkPositiveInteger("microbatches", shape.microbatches);
  return shape;
}
