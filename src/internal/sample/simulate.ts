import type { WorkerType } from '../../schemas/employee.js';
import { COMPANY_NAME, DIVISIONS, FIRST_NAMES, LAST_NAMES } from './catalogue.js';
import { type DayNumber, isWeekend, partsOf } from './days.js';
import type { Draw } from './draw.js';
import type { RaisedEvent, SimCareerEvent, SimPerson, SimTeam, SurveySnapshot } from './model.js';

/** What the workforce simulation needs to know. @internal */
export interface SimulationOptions {
  readonly draw: Draw;
  /** First day of the simulated window (four years before `asOf`). */
  readonly start: DayNumber;
  /** Last day simulated. */
  readonly asOf: DayNumber;
  /** The days surveys open, when a snapshot of the organisation is taken. */
  readonly surveyDays: readonly DayNumber[];
  /** People currently employed that the organisation aims for. */
  readonly targetHeadcount: number;
}

/** What the workforce simulation produces. @internal */
export interface SimulationResult {
  readonly people: readonly SimPerson[];
  readonly teams: readonly SimTeam[];
  readonly snapshots: ReadonlyMap<DayNumber, SurveySnapshot>;
  readonly ideas: readonly RaisedEvent[];
  readonly concerns: readonly RaisedEvent[];
  readonly oneOnOnes: readonly RaisedEvent[];
  readonly careerEvents: readonly SimCareerEvent[];
}

interface Fill {
  readonly teamId: string;
  readonly role: 'member' | 'manager';
  readonly workerType: WorkerType;
}

const ROLE_BY_LEVEL = {
  1: 'Chief Executive',
  2: 'Director',
  3: 'Head of Department',
  4: 'Team Lead',
} as const;
const GRADE_OF_MANAGER = { 1: 8, 2: 7, 3: 6, 4: 5 } as const;
const STAFF_ROLE = { 1: 'Chief of Staff', 2: 'Business Partner', 3: 'Operations Analyst' } as const;

/** Annual rates of leaving, before the engagement multiplier (calibrated to about 15% a year). */
const RATES = {
  voluntaryFirstYear: 0.23,
  voluntaryLater: 0.09,
  involuntaryFirstYear: 0.05,
  involuntaryLater: 0.02,
  other: 0.004,
  retirement: 0.25,
};
/** How much the hazards of leaving fall per unit of engagement (log scale). */
const VOLUNTARY_SLOPE = 0.55;
const INVOLUNTARY_SLOPE = 0.25;
/** Weekly AR(1) drift of engagement: a quarterly autocorrelation of 0.7, a stationary sd of 0.5. */
const DRIFT_KEEP = 0.7 ** (1 / 13);
const DRIFT_SD = Math.sqrt(0.25 * (1 - DRIFT_KEEP ** 2));
/** How strongly a manager's skill moves their reports' engagement. */
export const MANAGER_EFFECT = 0.45;

/**
 * Simulates the organisation day by day over the window: separations (more in the first year of
 * tenure and among the disengaged), vacancies filled after a delay by new hires, transfers, rehires
 * and promotions, interim reporting to the skip-level manager while a team has none, and the raw
 * events (ideas, concerns, one-to-ones) that other generators expand into records. @internal
 */
export function simulateWorkforce(options: SimulationOptions): SimulationResult {
  const workforce = new Workforce(options);
  workforce.buildTeams(options.targetHeadcount);
  workforce.staffFirstDay();
  for (let day = options.start; day <= options.asOf; day++) workforce.simulateDay(day);
  return workforce.result();
}

/**
 * The state of the simulation and its steps. Every random draw comes from `draw` in a fixed order,
 * so the same seed gives the same organisation. @internal
 */
class Workforce {
  private readonly draw: Draw;
  private readonly start: DayNumber;
  private readonly asOf: DayNumber;
  private readonly people: SimPerson[] = [];
  private readonly byId = new Map<string, SimPerson>();
  private readonly teams = new Map<string, SimTeam>();
  private readonly queue = new Map<DayNumber, Fill[]>();
  private readonly snapshots = new Map<DayNumber, SurveySnapshot>();
  private readonly surveyDays: ReadonlySet<DayNumber>;
  private readonly ideas: RaisedEvent[] = [];
  private readonly concerns: RaisedEvent[] = [];
  private readonly oneOnOnes: RaisedEvent[] = [];
  private readonly careerEvents: SimCareerEvent[] = [];
  private readonly usedNames = new Set<string>();
  private rootId = '';

  constructor(options: SimulationOptions) {
    this.draw = options.draw;
    this.start = options.start;
    this.asOf = options.asOf;
    this.surveyDays = new Set(options.surveyDays);
  }

  result(): SimulationResult {
    return {
      people: this.people,
      teams: [...this.teams.values()],
      snapshots: this.snapshots,
      ideas: this.ideas,
      concerns: this.concerns,
      oneOnOnes: this.oneOnOnes,
      careerEvents: this.careerEvents,
    };
  }

  private addTeam(team: Omit<SimTeam, 'members' | 'children' | 'managerId'>): SimTeam {
    const full: SimTeam = { ...team, managerId: undefined, members: new Set(), children: [] };
    this.teams.set(full.id, full);
    if (team.parentId !== undefined) this.teams.get(team.parentId)!.children.push(full.id);
    return full;
  }

  /** The team tree, with the regular teams sized so the whole matches the target headcount. */
  buildTeams(targetHeadcount: number): void {
    const draw = this.draw;
    const root = this.addTeam({
      id: 'T0',
      name: COMPANY_NAME,
      parentId: undefined,
      level: 1,
      department: 'Executive Office',
      memberRole: STAFF_ROLE[1],
      location: 'Leeds',
      staffTarget: 2,
    });
    this.rootId = root.id;
    const leafTargets: { id: string; small: boolean; target: number }[] = [];
    DIVISIONS.forEach((division, d) => {
      const divisionId = `T${d + 1}`;
      this.addTeam({
        id: divisionId,
        name: division.name,
        parentId: root.id,
        level: 2,
        department: division.name,
        memberRole: STAFF_ROLE[2],
        location: 'Leeds',
        staffTarget: Math.max(2, 5 - division.departments.length),
      });
      division.departments.forEach((department, p) => {
        const departmentId = `${divisionId}.${p + 1}`;
        this.addTeam({
          id: departmentId,
          name: department.name,
          parentId: divisionId,
          level: 3,
          department: department.name,
          memberRole: STAFF_ROLE[3],
          location: department.location,
          staffTarget: Math.max(1, 5 - department.teams.length) + draw.int(0, 1),
        });
        department.teams.forEach((team, t) => {
          const id = `${departmentId}.${t + 1}`;
          const target = team.small === true ? draw.int(2, 4) : draw.int(6, 12);
          leafTargets.push({ id, small: team.small === true, target });
          this.addTeam({
            id,
            name: team.name,
            parentId: departmentId,
            level: 4,
            department: department.name,
            memberRole: department.role,
            location: department.location,
            staffTarget: 0, // set below, once the totals are known
          });
        });
      });
    });
    // Adjust the regular teams' sizes until the whole organisation matches the target headcount.
    const fixed = [...this.teams.values()].reduce(
      (sum, team) => sum + (team.level < 4 ? team.staffTarget + 1 : 1),
      0,
    );
    const regular = leafTargets.filter((team) => !team.small);
    let total = fixed + leafTargets.reduce((sum, team) => sum + team.target, 0);
    while (total !== targetHeadcount) {
      const team = draw.pick(regular);
      const step = total < targetHeadcount ? 1 : -1;
      if (team.target + step < 6 || team.target + step > 12) continue;
      team.target += step;
      total += step;
    }
    for (const { id, target } of leafTargets) this.teams.get(id)!.staffTarget = target;
  }

  private newName(): string {
    for (;;) {
      const name = `${this.draw.pick(FIRST_NAMES)} ${this.draw.pick(LAST_NAMES)}`;
      if (!this.usedNames.has(name)) {
        this.usedNames.add(name);
        return name;
      }
    }
  }

  private serviceOf(skill: number) {
    const facet = () => 0.75 * skill + 0.66 * this.draw.normal();
    return {
      responsiveness: facet(),
      cadence: facet(),
      summaries: facet(),
      followUps: facet(),
      occasions: facet(),
    };
  }

  /**
   * A person's lasting engagement. For people already employed on the first day, it is drawn among
   * those who stayed that long (rejection sampling with the hazard of leaving), so that the first
   * year does not show an unselected workforce leaving faster than later ones.
   */
  private traitOf(tenure: number): number {
    const factor = 1.07; // the mean multiplier of drift and manager in the hazard
    const voluntary =
      factor *
      (RATES.voluntaryFirstYear * Math.min(tenure, 1) +
        RATES.voluntaryLater * Math.max(0, tenure - 1));
    const involuntary =
      RATES.involuntaryFirstYear * Math.min(tenure, 1) +
      RATES.involuntaryLater * Math.max(0, tenure - 1);
    for (;;) {
      const trait = this.draw.normal(0, 0.7);
      const survival = Math.exp(
        -voluntary * Math.exp(-VOLUNTARY_SLOPE * trait) -
          involuntary * Math.exp(-INVOLUNTARY_SLOPE * trait),
      );
      if (tenure === 0 || this.draw.chance(survival)) return trait;
    }
  }

  private createPerson(
    hire: DayNumber,
    team: SimTeam,
    asManager: boolean,
    workerType: WorkerType,
  ): SimPerson {
    const draw = this.draw;
    const id = `E${String(this.people.length + 1).padStart(4, '0')}`;
    const minimumAge = asManager ? 27 : 20;
    let ageAtHire = minimumAge + Math.min(draw.exponential(asManager ? 9 : 8), 36);
    const yearsToAsOf = (this.asOf - hire) / 365.25;
    ageAtHire = Math.min(ageAtHire, 65 - yearsToAsOf - draw.between(0, 3));
    ageAtHire = Math.max(ageAtHire, 19);
    const birth = hire - Math.round(ageAtHire * 365.25) - draw.int(0, 364);
    const skill = draw.normal();
    const gender = draw.weighted({ woman: 47, man: 48, 'non-binary': 2, 'not disclosed': 3 });
    const grade = asManager ? GRADE_OF_MANAGER[team.level] : team.level < 4 ? draw.int(2, 4) : 1;
    const person: SimPerson = {
      id,
      name: this.newName(),
      workerType,
      birth,
      gender,
      shareBirthday: draw.chance(0.4),
      preferredOneOnOneDays: draw.chance(0.25) ? draw.pick([7, 14, 14, 21, 28, 30]) : undefined,
      location: draw.chance(0.15) ? 'Remote' : team.location,
      role: team.memberRole,
      department: team.department,
      grade,
      trait: this.traitOf(hire < this.start ? (this.start - hire) / 365.25 : 0),
      drift: draw.normal(0, 0.5),
      skill,
      service: this.serviceOf(skill),
      spells: [{ hire, end: undefined, kind: undefined, regretted: undefined }],
      assignments: [],
      active: true,
      teamId: undefined,
      manages: undefined,
      managerId: undefined,
      lastDay: undefined,
      leaving: undefined,
      contractEnd: undefined,
      nextOneOnOne: undefined,
    };
    if (workerType !== 'employee') {
      person.contractEnd = hire + draw.int(workerType === 'direct-temporary' ? 180 : 90, 540);
    }
    this.people.push(person);
    this.byId.set(id, person);
    return person;
  }

  private placeIn(person: SimPerson, team: SimTeam): void {
    if (person.teamId !== undefined) this.teams.get(person.teamId)!.members.delete(person.id);
    person.teamId = team.id;
    team.members.add(person.id);
    if (person.manages === undefined) {
      person.role = team.memberRole;
      person.department = team.department;
    }
  }

  private makeManager(person: SimPerson, team: SimTeam): void {
    person.manages = team.id;
    team.managerId = person.id;
    person.role = ROLE_BY_LEVEL[team.level];
    person.department = team.department;
    this.placeIn(person, team.parentId === undefined ? team : this.teams.get(team.parentId)!);
  }

  /** The manager of a person: their team's manager, or the next one up while a team has none. */
  private managerFor(person: SimPerson): string | undefined {
    let team: SimTeam | undefined = this.teams.get(person.teamId!);
    while (team !== undefined) {
      if (team.managerId !== undefined && team.managerId !== person.id) return team.managerId;
      team = team.parentId === undefined ? undefined : this.teams.get(team.parentId);
    }
    return undefined;
  }

  /** The organisation on the first day: tenures spread over many years, a few in their first year. */
  private initialHire(asManager: boolean, workerType: WorkerType): DayNumber {
    const draw = this.draw;
    if (workerType !== 'employee') return this.start - draw.int(10, 300);
    const years = asManager
      ? 2 + Math.min(draw.exponential(6), 22)
      : draw.chance(0.17)
        ? draw.between(0.05, 1)
        : 1 + Math.min(draw.exponential(4.5), 24);
    return this.start - Math.round(years * 365.25);
  }

  /** Managers for every team, then their staff, as on the first day of the window. */
  staffFirstDay(): void {
    const draw = this.draw;
    const initialWorkerType = (): WorkerType =>
      draw.weighted({ employee: 90, 'direct-temporary': 4, contractor: 3.5, agency: 2.5 });
    const initialTeams = [...this.teams.values()];
    for (const team of initialTeams) {
      const manager = this.createPerson(this.initialHire(true, 'employee'), team, true, 'employee');
      this.makeManager(manager, team);
    }
    for (const team of initialTeams) {
      const current = this.teams.get(team.id)!;
      for (let index = 0; index < current.staffTarget; index++) {
        const workerType = current.level === 4 ? initialWorkerType() : 'employee';
        const person = this.createPerson(
          this.initialHire(false, workerType),
          current,
          false,
          workerType,
        );
        if (current.level === 4) {
          const tenure = (this.start - person.spells[0]!.hire) / 365.25;
          person.grade = Math.min(4, 1 + Math.floor(tenure / 2.5) + draw.int(0, 1));
        }
        this.placeIn(person, current);
      }
    }
    this.syncAll(this.start);
  }

  /** Assignments follow team and manager: a change closes the open record the day before. */
  private syncAssignment(person: SimPerson, day: DayNumber): void {
    const managerId = this.managerFor(person);
    const teamId = person.teamId!;
    if (managerId !== person.managerId) person.nextOneOnOne = day + this.draw.int(3, 21);
    person.managerId = managerId;
    const open = person.assignments.at(-1);
    if (open !== undefined && open.to === undefined) {
      if (open.teamId === teamId && open.managerId === managerId) return;
      if (open.from === day) {
        person.assignments.pop();
      } else {
        open.to = day - 1;
      }
    }
    person.assignments.push({ teamId, managerId, from: day, to: undefined });
  }

  private syncAll(day: DayNumber): void {
    for (const person of this.people) if (person.active) this.syncAssignment(person, day);
  }

  private schedule(day: DayNumber, fill: Fill): void {
    const list = this.queue.get(day);
    if (list === undefined) this.queue.set(day, [fill]);
    else list.push(fill);
  }

  private available(person: SimPerson, day: DayNumber): boolean {
    return (
      person.active &&
      person.lastDay === undefined &&
      person.workerType === 'employee' &&
      tenureYears(person, day) >= 1
    );
  }

  /**
   * Fixed-term roles are mostly refilled as fixed-term; a few permanent roles are filled by
   * temporary, contract or agency workers, which keeps their share near 6-8%.
   */
  private hireWorkerType(previous: WorkerType): WorkerType {
    return previous !== 'employee' && this.draw.chance(0.9)
      ? previous
      : this.draw.weighted({ employee: 94, 'direct-temporary': 1.5, contractor: 2.7, agency: 1.8 });
  }

  private fillMember(fill: Fill, day: DayNumber): boolean {
    const draw = this.draw;
    const team = this.teams.get(fill.teamId)!;
    const staff = [...team.members].filter((id) => this.byId.get(id)!.manages === undefined).length;
    if (staff >= team.staffTarget) return false;
    if (team.level === 4 && draw.chance(0.12) && this.transferInto(team, day)) return true;
    if (team.level === 4 && draw.chance(0.04) && this.rehireInto(team, day)) return true;
    const workerType = team.level === 4 ? this.hireWorkerType(fill.workerType) : 'employee';
    const person = this.createPerson(day, team, false, workerType);
    person.drift = draw.normal(0.2, 0.4); // the honeymoon of a new start
    this.placeIn(person, team);
    return true;
  }

  /** An internal transfer from another team of the same division, if anyone can move. */
  private transferInto(team: SimTeam, day: DayNumber): boolean {
    const division = team.id.split('.')[0]!;
    const candidates = this.people.filter(
      (person) =>
        this.available(person, day) &&
        person.manages === undefined &&
        person.teamId !== team.id &&
        person.teamId!.startsWith(`${division}.`) &&
        this.teams.get(person.teamId!)!.level === 4,
    );
    if (candidates.length === 0) return false;
    const mover = this.draw.pick(candidates);
    const from = mover.teamId!;
    this.placeIn(mover, team);
    this.schedule(day + this.draw.int(20, 80), {
      teamId: from,
      role: 'member',
      workerType: 'employee',
    });
    return true;
  }

  /** A rehire: someone who left on good terms at least half a year ago, if there is one. */
  private rehireInto(team: SimTeam, day: DayNumber): boolean {
    const candidates = this.people.filter((person) => {
      const spell = person.spells.at(-1)!;
      return (
        !person.active &&
        spell.kind === 'voluntary' &&
        spell.regretted === true &&
        spell.end !== undefined &&
        day - spell.end >= 180
      );
    });
    if (candidates.length === 0) return false;
    const person = this.draw.pick(candidates);
    person.spells.push({ hire: day, end: undefined, kind: undefined, regretted: undefined });
    person.active = true;
    person.lastDay = undefined;
    person.leaving = undefined;
    person.workerType = 'employee';
    person.contractEnd = undefined;
    person.drift = this.draw.normal(0.3, 0.4);
    this.placeIn(person, team);
    return true;
  }

  private fillManager(fill: Fill, day: DayNumber): boolean {
    const draw = this.draw;
    const team = this.teams.get(fill.teamId)!;
    if (team.managerId !== undefined) return false;
    const candidates = [...team.members]
      .map((id) => this.byId.get(id)!)
      .filter(
        (person) =>
          this.available(person, day) &&
          (team.level === 4
            ? person.manages === undefined && person.grade >= 2
            : person.manages !== undefined),
      );
    if (candidates.length > 0 && draw.chance(0.5)) {
      const chosen = candidates
        .map((person) => ({ person, score: person.skill + draw.normal() }))
        .sort((a, b) => b.score - a.score)[0]!.person;
      if (chosen.manages === undefined) {
        this.schedule(day + draw.int(20, 80), {
          teamId: team.id,
          role: 'member',
          workerType: 'employee',
        });
      } else {
        const previous = this.teams.get(chosen.manages)!;
        previous.managerId = undefined;
        this.schedule(day + draw.int(14, 60), {
          teamId: previous.id,
          role: 'manager',
          workerType: 'employee',
        });
      }
      this.makeManager(chosen, team);
      chosen.grade = GRADE_OF_MANAGER[team.level];
      this.careerEvents.push({
        personId: chosen.id,
        kind: 'promotion',
        day,
        changePercent: Math.round(draw.between(8, 16) * 10) / 10,
      });
      chosen.drift += 0.3;
      return true;
    }
    const person = this.createPerson(day, team, true, 'employee');
    this.makeManager(person, team);
    return true;
  }

  private leave(person: SimPerson, day: DayNumber): void {
    // `day` is the first day without the person: the spell ends the day before.
    const spell = person.spells.at(-1)!;
    spell.end = day - 1;
    spell.kind = person.leaving!.kind;
    spell.regretted = person.leaving!.regretted;
    person.assignments.at(-1)!.to = day - 1;
    person.active = false;
    const team = this.teams.get(person.teamId!)!;
    team.members.delete(person.id);
    person.teamId = undefined;
    person.managerId = undefined;
    if (person.manages !== undefined) {
      const managed = this.teams.get(person.manages)!;
      managed.managerId = undefined;
      this.schedule(day + this.draw.int(7, 75), {
        teamId: managed.id,
        role: 'manager',
        workerType: 'employee',
      });
      person.manages = undefined;
    } else {
      this.schedule(day + this.draw.int(14, 90), {
        teamId: team.id,
        role: 'member',
        workerType: person.workerType,
      });
    }
  }

  /**
   * Whether the person decides to leave today, from the rest `u` of today's uniform draw (scaled
   * to a year) once other events have taken their share. Sets the last day (after a notice period).
   */
  private decideLeaving(person: SimPerson, day: DayNumber, u: number, engagement: number): void {
    const draw = this.draw;
    if (person.contractEnd !== undefined && person.contractEnd <= day) {
      person.lastDay = day;
      person.leaving = {
        kind: person.workerType === 'direct-temporary' ? 'involuntary' : 'other',
        regretted: false,
      };
      return;
    }
    if (person.manages === this.rootId) return; // the chief executive stays for the whole window
    const tenure = tenureYears(person, day);
    if (tenure < 0.04) return;
    const firstYear = tenure < 1;
    const managerFactor = person.manages === undefined ? 1 : 0.6;
    const age = (day - person.birth) / 365.25;
    const voluntary =
      (firstYear ? RATES.voluntaryFirstYear : RATES.voluntaryLater) *
      Math.exp(-VOLUNTARY_SLOPE * engagement) *
      managerFactor;
    const involuntary =
      (firstYear ? RATES.involuntaryFirstYear : RATES.involuntaryLater) *
      Math.exp(-INVOLUNTARY_SLOPE * engagement) *
      managerFactor;
    const other = RATES.other + (age >= 62 ? RATES.retirement : 0);
    if (u >= voluntary + involuntary + other) return;
    if (u < voluntary) {
      person.lastDay = day + draw.int(14, 42);
      const regretted = 0.35 + (0.2 * Math.min(tenure, 3)) / 3 + 0.15 * person.skill;
      person.leaving = { kind: 'voluntary', regretted: draw.chance(regretted) };
      return;
    }
    if (u < voluntary + involuntary) {
      person.lastDay = day + draw.int(0, 14);
      person.leaving = { kind: 'involuntary', regretted: false };
      return;
    }
    person.lastDay = day + draw.int(14, 60);
    person.leaving = { kind: 'other', regretted: draw.chance(0.3) };
  }

  private engagementOf(person: SimPerson): number {
    const manager = person.managerId === undefined ? undefined : this.byId.get(person.managerId);
    return (
      person.trait + person.drift + (manager === undefined ? 0 : MANAGER_EFFECT * manager.skill)
    );
  }

  /** One day: leavers go, vacancies are filled, a survey snapshot, then each person's day. */
  simulateDay(day: DayNumber): void {
    let changed = false;
    // Leavers whose last day was yesterday.
    for (const person of this.people) {
      if (person.active && person.lastDay === day - 1) {
        this.leave(person, day);
        changed = true;
      }
    }
    // Vacancies filled today.
    const fills = this.queue.get(day);
    if (fills !== undefined) {
      this.queue.delete(day);
      // Managers first, so that new members start with their new manager.
      for (const fill of [...fills].sort((a, b) =>
        a.role === b.role ? 0 : a.role === 'manager' ? -1 : 1,
      )) {
        if (fill.role === 'manager' ? this.fillManager(fill, day) : this.fillMember(fill, day))
          changed = true;
      }
    }
    if (changed) this.syncAll(day);
    if (this.surveyDays.has(day)) this.snapshot(day);

    const { month, date } = partsOf(day);
    const weekly = (day - this.start) % 7 === 0;
    const weekend = isWeekend(day);
    const payReview = month === 4 && date === 1;
    for (const person of this.people) {
      if (person.active) this.personDay(person, day, weekly, weekend, payReview);
    }
  }

  /** Who is where on a survey day, with each person's engagement. */
  private snapshot(day: DayNumber): void {
    const teamManagers = new Map<string, string>();
    for (const team of this.teams.values()) {
      if (team.managerId !== undefined) teamManagers.set(team.id, team.managerId);
    }
    this.snapshots.set(day, {
      day,
      teamManagers,
      people: this.people
        .filter((person) => person.active)
        .map((person) => ({
          personId: person.id,
          teamId: person.teamId!,
          managerId: person.managerId,
          engagement: this.engagementOf(person),
        })),
    });
  }

  /** One employed person's day: drift, raised events, one-to-ones, promotions, pay, leaving. */
  private personDay(
    person: SimPerson,
    day: DayNumber,
    weekly: boolean,
    weekend: boolean,
    payReview: boolean,
  ): void {
    const draw = this.draw;
    if (weekly) person.drift = DRIFT_KEEP * person.drift + draw.normal(0, DRIFT_SD);
    const engagement = this.engagementOf(person);
    const managerId = person.managerId;
    // One uniform draw per person and day, scaled to a year and shared out between the rare
    // events below (at most one of them a day), keeps the loop fast.
    let u = draw.uniform() * 365;
    if (managerId !== undefined && !weekend) {
      // Raised on working days only: the yearly rates are spread over 5 days a week.
      const manager = this.byId.get(managerId)!;
      const ideaRate = 0.45 * 1.4 * Math.exp(0.3 * manager.service.responsiveness);
      const concernRate = 0.25 * 1.4 * Math.exp(-0.35 * engagement);
      if (u < ideaRate) this.ideas.push({ personId: person.id, managerId, day });
      else if (u - ideaRate < concernRate)
        this.concerns.push({ personId: person.id, managerId, day });
      u -= ideaRate + concernRate;
      if (person.nextOneOnOne !== undefined && day >= person.nextOneOnOne) {
        this.oneOnOnes.push({ personId: person.id, managerId, day });
        person.nextOneOnOne = day + cadenceOf(manager, person, draw);
      }
    }
    if (
      person.manages === undefined &&
      person.workerType === 'employee' &&
      person.grade < 4 &&
      tenureYears(person, day) >= 1
    ) {
      const promotionRate = 0.09 * Math.exp(0.3 * engagement);
      if (u >= 0 && u < promotionRate) {
        person.grade += 1;
        person.drift += 0.3;
        this.careerEvents.push({
          personId: person.id,
          kind: 'promotion',
          day,
          changePercent: Math.round(draw.between(6, 14) * 10) / 10,
        });
      }
      u -= promotionRate;
    }
    if (payReview && person.workerType === 'employee' && tenureYears(person, day) >= 0.25) {
      if (draw.chance(0.8)) {
        this.careerEvents.push({
          personId: person.id,
          kind: 'pay-change',
          day,
          changePercent: Math.round(Math.min(8, Math.max(0.5, draw.normal(3, 1.2))) * 10) / 10,
        });
      }
    }
    // A negative rest means an earlier event took today's draw: no leaving decision today.
    if (person.lastDay === undefined) this.decideLeaving(person, day, u >= 0 ? u : 365, engagement);
  }
}

/** Years since the person's latest hire. @internal */
function tenureYears(person: SimPerson, day: DayNumber): number {
  return (day - person.spells.at(-1)!.hire) / 365.25;
}

/** Days to the next one-to-one: the employee's preference with attentive managers. @internal */
function cadenceOf(manager: SimPerson, person: SimPerson, draw: Draw): number {
  const habit = manager.service.cadence;
  let base = habit > 0.6 ? 14 : habit > -0.2 ? 28 : habit > -0.9 ? 45 : 80;
  if (person.preferredOneOnOneDays !== undefined && habit > 0) base = person.preferredOneOnOneDays;
  return Math.max(5, Math.round(base * draw.between(0.8, 1.25)));
}
