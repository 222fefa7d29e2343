import type { WorkgroupPermissions } from '@koers/contracts';
import type { MembershipRole } from './actor';

/**
 * Everything a caller may try, in one list. Region-wide permissions depend on the platform role;
 * werkgroep permissions on the caller's membership role in that werkgroep.
 */
export type RegionPermission =
  | 'region.read' // strategy, themes, focus areas, organisations, districts: readable by every signed-in user
  | 'region.manage' // create/update/delete strategy, themes, organisations, werkgroepen: secretariat
  | 'users.manage'
  | 'reporting.read' // the dashboard and the RVC bundle: the secretariat and RVC members
  | 'audit.read';

export type WorkgroupPermission =
  | 'workgroup.view' // name, theme, members, composition
  | 'workgroup.manage' // edit the werkgroep and its members: secretariat
  | 'workgroup.content.read' // working documents, actions, sessions, concept reports
  | 'workgroup.content.write' // contribute: edit documents, comment, update actions one owns
  | 'workgroup.actions.manage' // create, edit and delete any action of the werkgroep
  | 'workgroup.report.submit'; // submit the progress report upward: the aanjager, a rapporteur, the secretariat on behalf

/** Which membership roles grant each werkgroep permission. The secretariat holds them all (below). */
export const ROLE_GRANTS: Record<WorkgroupPermission, readonly MembershipRole[]> = {
  'workgroup.view': ['aanjager', 'rapporteur', 'lid', 'ambtelijk', 'gast', 'waarnemer'],
  'workgroup.manage': [],
  'workgroup.content.read': ['aanjager', 'rapporteur', 'lid', 'ambtelijk', 'gast', 'waarnemer'],
  'workgroup.content.write': ['aanjager', 'rapporteur', 'lid', 'ambtelijk', 'gast'],
  'workgroup.actions.manage': ['aanjager', 'rapporteur', 'lid', 'ambtelijk'],
  'workgroup.report.submit': ['aanjager', 'rapporteur'],
};

/** The roles that submit the progress report as the werkgroep's own (anyone else who may submits on its behalf). */
export const REPORTING_ROLES: readonly MembershipRole[] = ROLE_GRANTS['workgroup.report.submit'];

export const SECRETARIAT_WORKGROUP_GRANTS: readonly WorkgroupPermission[] = [
  'workgroup.view',
  'workgroup.manage',
  'workgroup.content.read',
  'workgroup.content.write',
  'workgroup.actions.manage',
  // Only on behalf of the werkgroep, recorded as such on the version (ProgressReportService.submit).
  'workgroup.report.submit',
];

/** RVC members read what is reported upward; of a werkgroep itself they only see its overview. */
export const RVC_WORKGROUP_GRANTS: readonly WorkgroupPermission[] = ['workgroup.view'];

/** What a representation tells the client the caller may do in a werkgroep, from the permissions they hold there. */
export function workgroupPermissionsOf(grants: ReadonlySet<WorkgroupPermission>): WorkgroupPermissions {
  return {
    edit: grants.has('workgroup.manage'),
    delete: grants.has('workgroup.manage'),
    manageMembers: grants.has('workgroup.manage'),
    readContent: grants.has('workgroup.content.read'),
    contribute: grants.has('workgroup.content.write'),
    manageWork: grants.has('workgroup.actions.manage'),
    submitReport: grants.has('workgroup.report.submit'),
  };
}
