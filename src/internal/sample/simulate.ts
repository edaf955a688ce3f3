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
  const { draw, start, asOf } = options;
  const people: SimPerson[] = [];
  const byId = new Map<string, SimPerson>();
  const teams = new Map<string, SimTeam>();
  const queue = new Map<DayNumber, Fill[]>();
  const snapshots = new Map<DayNumber, SurveySnapshot>();
  const surveyDays = new Set(options.surveyDays);
  const ideas: RaisedEvent[] = [];
  const concerns: RaisedEvent[] = [];
  const oneOnOnes: RaisedEvent[] = [];
  const careerEvents: SimCareerEvent[] = [];
  const usedNames = new Set<string>();

  // The team tree.
  const addTeam = (team: Omit<SimTeam, 'members' | 'children' | 'managerId'>): SimTeam => {
    const full: SimTeam = { ...team, managerId: undefined, members: new Set(), children: [] };
    teams.set(full.id, full);
    if (team.parentId !== undefined) teams.get(team.parentId)!.children.push(full.id);
    return full;
  };
  const root = addTeam({
    id: 'T0',
    name: COMPANY_NAME,
    parentId: undefined,
    level: 1,
    department: 'Executive Office',
    memberRole: STAFF_ROLE[1],
    location: 'Leeds',
    staffTarget: 2,
  });
  const leafTargets: { id: string; small: boolean; target: number }[] = [];
  DIVISIONS.forEach((division, d) => {
    const divisionId = `T${d + 1}`;
    addTeam({
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
      addTeam({
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
        addTeam({
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
  const fixed = [...teams.values()].reduce(
    (sum, team) => sum + (team.level < 4 ? team.staffTarget + 1 : 1),
    0,
  );
  const regular = leafTargets.filter((team) => !team.small);
  let total = fixed + leafTargets.reduce((sum, team) => sum + team.target, 0);
  while (total !== options.targetHeadcount) {
    const team = draw.pick(regular);
    const step = total < options.targetHeadcount ? 1 : -1;
    if (team.target + step < 6 || team.target + step > 12) continue;
    team.target += step;
    total += step;
  }
  for (const { id, target } of leafTargets) teams.get(id)!.staffTarget = target;

  // People.
  const newName = (): string => {
    for (;;) {
      const name = `${draw.pick(FIRST_NAMES)} ${draw.pick(LAST_NAMES)}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const serviceOf = (skill: number) => {
    const facet = () => 0.75 * skill + 0.66 * draw.normal();
    return {
      responsiveness: facet(),
      cadence: facet(),
      summaries: facet(),
      followUps: facet(),
      occasions: facet(),
    };
  };
  /**
   * A person's lasting engagement. For people already employed on the first day, it is drawn among
   * those who stayed that long (rejection sampling with the hazard of leaving), so that the first
   * year does not show an unselected workforce leaving faster than later ones.
   */
  const traitOf = (tenure: number): number => {
    const factor = 1.07; // the mean multiplier of drift and manager in the hazard
    const voluntary =
      factor *
      (RATES.voluntaryFirstYear * Math.min(tenure, 1) +
        RATES.voluntaryLater * Math.max(0, tenure - 1));
    const involuntary =
      RATES.involuntaryFirstYear * Math.min(tenure, 1) +
      RATES.involuntaryLater * Math.max(0, tenure - 1);
    for (;;) {
      const trait = draw.normal(0, 0.7);
      const survival = Math.exp(
        -voluntary * Math.exp(-VOLUNTARY_SLOPE * trait) -
          involuntary * Math.exp(-INVOLUNTARY_SLOPE * trait),
      );
      if (tenure === 0 || draw.chance(survival)) return trait;
    }
  };
  const createPerson = (
    hire: DayNumber,
    team: SimTeam,
    asManager: boolean,
    workerType: WorkerType,
  ): SimPerson => {
    const id = `E${String(people.length + 1).padStart(4, '0')}`;
    const minimumAge = asManager ? 27 : 20;
    let ageAtHire = minimumAge + Math.min(draw.exponential(asManager ? 9 : 8), 36);
    const yearsToAsOf = (asOf - hire) / 365.25;
    ageAtHire = Math.min(ageAtHire, 65 - yearsToAsOf - draw.between(0, 3));
    ageAtHire = Math.max(ageAtHire, 19);
    const birth = hire - Math.round(ageAtHire * 365.25) - draw.int(0, 364);
    const skill = draw.normal();
    const gender = draw.weighted({ woman: 47, man: 48, 'non-binary': 2, 'not disclosed': 3 });
    const grade = asManager ? GRADE_OF_MANAGER[team.level] : team.level < 4 ? draw.int(2, 4) : 1;
    const person: SimPerson = {
      id,
      name: newName(),
      workerType,
      birth,
      gender,
      shareBirthday: draw.chance(0.4),
      preferredOneOnOneDays: draw.chance(0.25) ? draw.pick([7, 14, 14, 21, 28, 30]) : undefined,
      location: draw.chance(0.15) ? 'Remote' : team.location,
      role: team.memberRole,
      department: team.department,
      grade,
      trait: traitOf(hire < start ? (start - hire) / 365.25 : 0),
      drift: draw.normal(0, 0.5),
      skill,
      service: serviceOf(skill),
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
    people.push(person);
    byId.set(id, person);
    return person;
  };

  const placeIn = (person: SimPerson, team: SimTeam): void => {
    if (person.teamId !== undefined) teams.get(person.teamId)!.members.delete(person.id);
    person.teamId = team.id;
    team.members.add(person.id);
    if (person.manages === undefined) {
      person.role = team.memberRole;
      person.department = team.department;
    }
  };
  const makeManager = (person: SimPerson, team: SimTeam): void => {
    person.manages = team.id;
    team.managerId = person.id;
    person.role = ROLE_BY_LEVEL[team.level];
    person.department = team.department;
    placeIn(person, team.parentId === undefined ? team : teams.get(team.parentId)!);
  };

  /** The manager of a person: their team's manager, or the next one up while a team has none. */
  const managerFor = (person: SimPerson): string | undefined => {
    let team: SimTeam | undefined = teams.get(person.teamId!);
    while (team !== undefined) {
      if (team.managerId !== undefined && team.managerId !== person.id) return team.managerId;
      team = team.parentId === undefined ? undefined : teams.get(team.parentId);
    }
    return undefined;
  };

  // The organisation on the first day: tenures spread over many years, a few in their first year.
  const initialHire = (asManager: boolean, workerType: WorkerType): DayNumber => {
    if (workerType !== 'employee') return start - draw.int(10, 300);
    const years = asManager
      ? 2 + Math.min(draw.exponential(6), 22)
      : draw.chance(0.17)
        ? draw.between(0.05, 1)
        : 1 + Math.min(draw.exponential(4.5), 24);
    return start - Math.round(years * 365.25);
  };
  const initialWorkerType = (): WorkerType =>
    draw.weighted({ employee: 90, 'direct-temporary': 4, contractor: 3.5, agency: 2.5 });
  const initialTeams = [...teams.values()];
  for (const team of initialTeams) {
    const manager = createPerson(initialHire(true, 'employee'), team, true, 'employee');
    makeManager(manager, team);
  }
  for (const team of initialTeams) {
    const current = teams.get(team.id)!;
    for (let index = 0; index < current.staffTarget; index++) {
      const workerType = current.level === 4 ? initialWorkerType() : 'employee';
      const person = createPerson(initialHire(false, workerType), current, false, workerType);
      if (current.level === 4) {
        const tenure = (start - person.spells[0]!.hire) / 365.25;
        person.grade = Math.min(4, 1 + Math.floor(tenure / 2.5) + draw.int(0, 1));
      }
      placeIn(person, current);
    }
  }

  // Assignments follow team and manager: a change closes the open record the day before.
  const syncAssignment = (person: SimPerson, day: DayNumber): void => {
    const managerId = managerFor(person);
    const teamId = person.teamId!;
    if (managerId !== person.managerId) person.nextOneOnOne = day + draw.int(3, 21);
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
  };
  const syncAll = (day: DayNumber): void => {
    for (const person of people) if (person.active) syncAssignment(person, day);
  };
  syncAll(start);

  const schedule = (day: DayNumber, fill: Fill): void => {
    const list = queue.get(day);
    if (list === undefined) queue.set(day, [fill]);
    else list.push(fill);
  };
  const tenureYears = (person: SimPerson, day: DayNumber): number =>
    (day - person.spells.at(-1)!.hire) / 365.25;
  const available = (person: SimPerson, day: DayNumber): boolean =>
    person.active &&
    person.lastDay === undefined &&
    person.workerType === 'employee' &&
    tenureYears(person, day) >= 1;

  // Fixed-term roles are mostly refilled as fixed-term; a few permanent roles are filled by
  // temporary, contract or agency workers, which keeps their share near 6-8%.
  const hireWorkerType = (previous: WorkerType): WorkerType =>
    previous !== 'employee' && draw.chance(0.9)
      ? previous
      : draw.weighted({ employee: 94, 'direct-temporary': 1.5, contractor: 2.7, agency: 1.8 });

  const fillMember = (fill: Fill, day: DayNumber): boolean => {
    const team = teams.get(fill.teamId)!;
    const staff = [...team.members].filter((id) => byId.get(id)!.manages === undefined).length;
    if (staff >= team.staffTarget) return false;
    if (team.level === 4 && draw.chance(0.12)) {
      // An internal transfer from another team of the same division.
      const division = team.id.split('.')[0]!;
      const candidates = people.filter(
        (person) =>
          available(person, day) &&
          person.manages === undefined &&
          person.teamId !== team.id &&
          person.teamId!.startsWith(`${division}.`) &&
          teams.get(person.teamId!)!.level === 4,
      );
      if (candidates.length > 0) {
        const mover = draw.pick(candidates);
        const from = mover.teamId!;
        placeIn(mover, team);
        schedule(day + draw.int(20, 80), { teamId: from, role: 'member', workerType: 'employee' });
        return true;
      }
    }
    if (team.level === 4 && draw.chance(0.04)) {
      // A rehire: someone who left on good terms at least half a year ago.
      const candidates = people.filter((person) => {
        const spell = person.spells.at(-1)!;
        return (
          !person.active &&
          spell.kind === 'voluntary' &&
          spell.regretted === true &&
          spell.end !== undefined &&
          day - spell.end >= 180
        );
      });
      if (candidates.length > 0) {
        const person = draw.pick(candidates);
        person.spells.push({ hire: day, end: undefined, kind: undefined, regretted: undefined });
        person.active = true;
        person.lastDay = undefined;
        person.leaving = undefined;
        person.workerType = 'employee';
        person.contractEnd = undefined;
        person.drift = draw.normal(0.3, 0.4);
        placeIn(person, team);
        return true;
      }
    }
    const workerType = team.level === 4 ? hireWorkerType(fill.workerType) : 'employee';
    const person = createPerson(day, team, false, workerType);
    person.drift = draw.normal(0.2, 0.4); // the honeymoon of a new start
    placeIn(person, team);
    return true;
  };

  const fillManager = (fill: Fill, day: DayNumber): boolean => {
    const team = teams.get(fill.teamId)!;
    if (team.managerId !== undefined) return false;
    const candidates = [...team.members]
      .map((id) => byId.get(id)!)
      .filter(
        (person) =>
          available(person, day) &&
          (team.level === 4
            ? person.manages === undefined && person.grade >= 2
            : person.manages !== undefined),
      );
    if (candidates.length > 0 && draw.chance(0.5)) {
      const chosen = candidates
        .map((person) => ({ person, score: person.skill + draw.normal() }))
        .sort((a, b) => b.score - a.score)[0]!.person;
      if (chosen.manages === undefined) {
        schedule(day + draw.int(20, 80), {
          teamId: team.id,
          role: 'member',
          workerType: 'employee',
        });
      } else {
        const previous = teams.get(chosen.manages)!;
        previous.managerId = undefined;
        schedule(day + draw.int(14, 60), {
          teamId: previous.id,
          role: 'manager',
          workerType: 'employee',
        });
      }
      makeManager(chosen, team);
      chosen.grade = GRADE_OF_MANAGER[team.level];
      careerEvents.push({
        personId: chosen.id,
        kind: 'promotion',
        day,
        changePercent: Math.round(draw.between(8, 16) * 10) / 10,
      });
      chosen.drift += 0.3;
      return true;
    }
    const person = createPerson(day, team, true, 'employee');
    makeManager(person, team);
    return true;
  };

  const leave = (person: SimPerson, day: DayNumber): void => {
    // `day` is the first day without the person: the spell ends the day before.
    const spell = person.spells.at(-1)!;
    spell.end = day - 1;
    spell.kind = person.leaving!.kind;
    spell.regretted = person.leaving!.regretted;
    person.assignments.at(-1)!.to = day - 1;
    person.active = false;
    const team = teams.get(person.teamId!)!;
    team.members.delete(person.id);
    person.teamId = undefined;
    person.managerId = undefined;
    if (person.manages !== undefined) {
      const managed = teams.get(person.manages)!;
      managed.managerId = undefined;
      schedule(day + draw.int(7, 75), {
        teamId: managed.id,
        role: 'manager',
        workerType: 'employee',
      });
      person.manages = undefined;
    } else {
      schedule(day + draw.int(14, 90), {
        teamId: team.id,
        role: 'member',
        workerType: person.workerType,
      });
    }
  };

  /**
   * Whether the person decides to leave today, from the rest `u` of today's uniform draw (scaled
   * to a year) once other events have taken their share. Sets the last day (after a notice period).
   */
  const decideLeaving = (
    person: SimPerson,
    day: DayNumber,
    u: number,
    engagement: number,
  ): void => {
    if (person.contractEnd !== undefined && person.contractEnd <= day) {
      person.lastDay = day;
      person.leaving = {
        kind: person.workerType === 'direct-temporary' ? 'involuntary' : 'other',
        regretted: false,
      };
      return;
    }
    if (person.manages === root.id) return; // the chief executive stays for the whole window
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
  };

  const engagementOf = (person: SimPerson): number => {
    const manager = person.managerId === undefined ? undefined : byId.get(person.managerId);
    return (
      person.trait + person.drift + (manager === undefined ? 0 : MANAGER_EFFECT * manager.skill)
    );
  };

  // The daily loop.
  for (let day = start; day <= asOf; day++) {
    let changed = false;
    // Leavers whose last day was yesterday.
    for (const person of people) {
      if (person.active && person.lastDay === day - 1) {
        leave(person, day);
        changed = true;
      }
    }
    // Vacancies filled today.
    const fills = queue.get(day);
    if (fills !== undefined) {
      queue.delete(day);
      // Managers first, so that new members start with their new manager.
      for (const fill of [...fills].sort((a, b) =>
        a.role === b.role ? 0 : a.role === 'manager' ? -1 : 1,
      )) {
        if (fill.role === 'manager' ? fillManager(fill, day) : fillMember(fill, day))
          changed = true;
      }
    }
    if (changed) syncAll(day);

    const { month, date } = partsOf(day);
    if (surveyDays.has(day)) {
      const teamManagers = new Map<string, string>();
      for (const team of teams.values()) {
        if (team.managerId !== undefined) teamManagers.set(team.id, team.managerId);
      }
      snapshots.set(day, {
        day,
        teamManagers,
        people: people
          .filter((person) => person.active)
          .map((person) => ({
            personId: person.id,
            teamId: person.teamId!,
            managerId: person.managerId,
            engagement: engagementOf(person),
          })),
      });
    }

    const weekly = (day - start) % 7 === 0;
    const weekend = isWeekend(day);
    const payReview = month === 4 && date === 1;
    for (const person of people) {
      if (!person.active) continue;
      if (weekly) person.drift = DRIFT_KEEP * person.drift + draw.normal(0, DRIFT_SD);
      const engagement = engagementOf(person);
      const managerId = person.managerId;
      // One uniform draw per person and day, scaled to a year and shared out between the rare
      // events below (at most one of them a day), keeps the loop fast.
      let u = draw.uniform() * 365;
      if (managerId !== undefined && !weekend) {
        // Raised on working days only: the yearly rates are spread over 5 days a week.
        const manager = byId.get(managerId)!;
        const ideaRate = 0.45 * 1.4 * Math.exp(0.3 * manager.service.responsiveness);
        const concernRate = 0.25 * 1.4 * Math.exp(-0.35 * engagement);
        if (u < ideaRate) ideas.push({ personId: person.id, managerId, day });
        else if (u - ideaRate < concernRate) concerns.push({ personId: person.id, managerId, day });
        u -= ideaRate + concernRate;
        if (person.nextOneOnOne !== undefined && day >= person.nextOneOnOne) {
          oneOnOnes.push({ personId: person.id, managerId, day });
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
          careerEvents.push({
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
          careerEvents.push({
            personId: person.id,
            kind: 'pay-change',
            day,
            changePercent: Math.round(Math.min(8, Math.max(0.5, draw.normal(3, 1.2))) * 10) / 10,
          });
        }
      }
      // A negative rest means an earlier event took today's draw: no leaving decision today.
      if (person.lastDay === undefined) decideLeaving(person, day, u >= 0 ? u : 365, engagement);
    }
  }
  return {
    people,
    teams: [...teams.values()],
    snapshots,
    ideas,
    concerns,
    oneOnOnes,
    careerEvents,
  };
}

/** Days to the next one-to-one: the employee's preference with attentive managers. @internal */
function cadenceOf(manager: SimPerson, person: SimPerson, draw: Draw): number {
  const habit = manager.service.cadence;
  let base = habit > 0.6 ? 14 : habit > -0.2 ? 28 : habit > -0.9 ? 45 : 80;
  if (person.preferredOneOnOneDays !== undefined && habit > 0) base = person.preferredOneOnOneDays;
  return Math.max(5, Math.round(base * draw.between(0.8, 1.25)));
}
