/**
 * Zeus' cost of reaching the target: eta x ETA + (1 - eta) x MaxPower x TTA, in joules (W x s).
 * eta = 1 minimizes energy, eta = 0 time; MaxPower (W) turns time into energy-like units: it is
 * the highest power limit of the GPUs times their count, so a second costs what the job could
 * draw at most in it.
 */
export function zeusCostJ(energyJ: number, timeS: number, eta: number, maxPowerW: number): number {
  return eta * energyJ + (1 - eta) * maxPowerW * timeS;
}
