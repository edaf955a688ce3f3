import type { WorkerType } from '../../schemas/employee.js';
import type { DayNumber } from './days.js';

/**
 * The state the workforce simulation keeps about a person; turned into records at the end.
 * @internal
 */
export interface SimPerson {
  readonly id: string;
  readonly name: string;
  workerType: WorkerType;
  readonly birth: DayNumber;
  readonly gender: string;
  readonly shareBirthday: boolean;
  readonly preferredOneOnOneDays: number | undefined;
  readonly location: string;
  role: string;
  department: string;
  grade: number;
  /** Lasting part of the person's engagement (standard normal scale). */
  readonly trait: number;
  /** Slow drift of engagement (an AR(1) process updated weekly). */
  drift: number;
  /** How well the person serves their reports when they manage (standard normal). */
  readonly skill: number;
  /** Behaviours of the person as a manager, each correlated with `skill`. */
  readonly service: ServiceProfile;
  readonly spells: SimSpell[];
  readonly assignments: SimAssignment[];
  active: boolean;
  teamId: string | undefined;
  /** The team this person manages, if any. */
  manages: string | undefined;
  managerId: string | undefined;
  /** The last day employed once a leaving date is set (possibly after `asOf`). */
  lastDay: DayNumber | undefined;
  leaving: { kind: 'voluntary' | 'involuntary' | 'other'; regretted: boolean } | undefined;
  /** The last day of a fixed-term contract (temporary, contractor, agency). */
  contractEnd: DayNumber | undefined;
  nextOneOnOne: DayNumber | undefined;
}

/** A manager's habits, each on a standard normal scale where higher is better. @internal */
export interface ServiceProfile {
  readonly responsiveness: number;
  readonly cadence: number;
  readonly summaries: number;
  readonly followUps: number;
  readonly occasions: number;
}

/** @internal */
export interface SimSpell {
  readonly hire: DayNumber;
  end: DayNumber | undefined;
  kind: 'voluntary' | 'involuntary' | 'other' | undefined;
  regretted: boolean | undefined;
}

/** @internal */
export interface SimAssignment {
  readonly teamId: string;
  readonly managerId: string | undefined;
  readonly from: DayNumber;
  to: DayNumber | undefined;
}

/** A team of the tree during the simulation. @internal */
export interface SimTeam {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | undefined;
  /** 1 for the company, 2 divisions, 3 departments, 4 teams. */
  readonly level: 1 | 2 | 3 | 4;
  /** The department (or division, or executive office) name used as people's attribute. */
  readonly department: string;
  readonly memberRole: string;
  readonly location: string;
  /** How many people who manage no team it should hold. */
  staffTarget: number;
  managerId: string | undefined;
  readonly members: Set<string>;
  readonly children: string[];
}

/** Who was where when a survey opened. @internal */
export interface SurveySnapshot {
  readonly day: DayNumber;
  readonly people: readonly {
    readonly personId: string;
    readonly teamId: string;
    readonly managerId: string | undefined;
    /** Engagement on the day, before any dip ahead of leaving. */
    readonly engagement: number;
  }[];
  /** Each team's manager on the day. */
  readonly teamManagers: ReadonlyMap<string, string>;
}

/** A dated event between a person and their manager, expanded into records later. @internal */
export interface RaisedEvent {
  readonly personId: string;
  readonly managerId: string;
  readonly day: DayNumber;
}

/** A career event. @internal */
export interface SimCareerEvent {
  readonly personId: string;
  readonly kind: 'promotion' | 'pay-change';
  readonly day: DayNumber;
  readonly changePercent: number;
}
