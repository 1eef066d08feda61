/** Shapes of the growth map query that the map's components share. */
import type { GrowthMapQuery } from '../../gql/graphql';

export type GrowthMapData = GrowthMapQuery['growthMap'];
export type LevelItem = GrowthMapData['levels'][number];
export type RequirementItem = LevelItem['requirements'][number];
export type SessionItem = LevelItem['level']['upcomingSessions'][number];
export type ResourceItem = LevelItem['level']['resources'][number];

/** Where a requirement's detail lives; someone else's map keeps their id in the address. */
export function requirementHref(requirementId: string, employeeId?: string | null): string {
  const base = `/growth/requirements/${encodeURIComponent(requirementId)}`;
  return employeeId ? `${base}?employee=${encodeURIComponent(employeeId)}` : base;
}
