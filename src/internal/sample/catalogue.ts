/**
 * The fixed ingredients of the sample organisation: the team tree's blueprint, name lists,
 * locations, survey items and comment texts. Everything here is fictional. @internal
 */

/** A department with its teams; `small` marks teams kept below the minimum group size. */
export interface DepartmentBlueprint {
  readonly name: string;
  readonly role: string;
  readonly location: string;
  readonly teams: readonly { readonly name: string; readonly small?: true }[];
}

/** A division with its departments. */
export interface DivisionBlueprint {
  readonly name: string;
  readonly departments: readonly DepartmentBlueprint[];
}

/** The name of the company: the root of the team tree. */
export const COMPANY_NAME = 'Larkspur Tiles Group';

/** Divisions, departments and teams: 4 levels with the company at the top. */
export const DIVISIONS: readonly DivisionBlueprint[] = [
  {
    name: 'Product & Engineering',
    departments: [
      {
        name: 'Platform Engineering',
        role: 'Software Engineer',
        location: 'Leeds',
        teams: [
          { name: 'Core Services' },
          { name: 'Data Platform' },
          { name: 'Site Reliability' },
          { name: 'Developer Tools', small: true },
        ],
      },
      {
        name: 'Product Engineering',
        role: 'Software Engineer',
        location: 'Leeds',
        teams: [
          { name: 'Checkout' },
          { name: 'Mobile' },
          { name: 'Search' },
          { name: 'Onboarding' },
        ],
      },
      {
        name: 'Design & Research',
        role: 'Designer',
        location: 'Bristol',
        teams: [{ name: 'Product Design' }, { name: 'User Research' }],
      },
    ],
  },
  {
    name: 'Customer',
    departments: [
      {
        name: 'Customer Support',
        role: 'Support Specialist',
        location: 'Cardiff',
        teams: [
          { name: 'Support North' },
          { name: 'Support South' },
          { name: 'Support Nights' },
          { name: 'Support Tier 2' },
          { name: 'Knowledge Base', small: true },
        ],
      },
      {
        name: 'Customer Success',
        role: 'Customer Success Manager',
        location: 'Bristol',
        teams: [
          { name: 'Enterprise Success' },
          { name: 'Small Business Success' },
          { name: 'Renewals' },
        ],
      },
    ],
  },
  {
    name: 'Commercial',
    departments: [
      {
        name: 'Sales',
        role: 'Account Executive',
        location: 'Bristol',
        teams: [
          { name: 'Enterprise Sales' },
          { name: 'Mid-Market Sales' },
          { name: 'Sales Development' },
          { name: 'Partnerships' },
        ],
      },
      {
        name: 'Marketing',
        role: 'Marketer',
        location: 'Bristol',
        teams: [{ name: 'Brand' }, { name: 'Growth Marketing' }, { name: 'Product Marketing' }],
      },
    ],
  },
  {
    name: 'Operations & Corporate',
    departments: [
      {
        name: 'Finance',
        role: 'Finance Analyst',
        location: 'Leeds',
        teams: [
          { name: 'Accounting' },
          { name: 'Planning & Analysis' },
          { name: 'Procurement', small: true },
        ],
      },
      {
        name: 'People',
        role: 'People Specialist',
        location: 'Leeds',
        teams: [{ name: 'Talent Acquisition' }, { name: 'People Partners' }, { name: 'Learning' }],
      },
      {
        name: 'Legal & Compliance',
        role: 'Legal Counsel',
        location: 'Cardiff',
        teams: [{ name: 'Legal' }, { name: 'Privacy', small: true }],
      },
    ],
  },
];

/** Given names for pseudonymous people. */
export const FIRST_NAMES: readonly string[] = [
  'Ada',
  'Alex',
  'Amara',
  'Ari',
  'Bea',
  'Ben',
  'Cai',
  'Cleo',
  'Dara',
  'Dev',
  'Eli',
  'Ema',
  'Femi',
  'Finn',
  'Gwen',
  'Hana',
  'Ian',
  'Ines',
  'Jo',
  'Jun',
  'Kai',
  'Kira',
  'Lars',
  'Lea',
  'Luca',
  'Mae',
  'Mina',
  'Nia',
  'Noor',
  'Omar',
  'Ola',
  'Pia',
  'Quinn',
  'Ravi',
  'Rosa',
  'Sam',
  'Suki',
  'Tariq',
  'Tess',
  'Uma',
  'Vik',
  'Wren',
  'Yara',
  'Zeb',
];

/** Family names for pseudonymous people (invented or rare, so that nobody real is meant). */
export const LAST_NAMES: readonly string[] = [
  'Ashdown',
  'Brackley',
  'Corrow',
  'Dunmere',
  'Elsworth',
  'Fenwick',
  'Garside',
  'Halloway',
  'Ingleby',
  'Jessop',
  'Kettering',
  'Larchmont',
  'Merriott',
  'Northam',
  'Oakridge',
  'Pellow',
  'Quarrie',
  'Redfern',
  'Saltash',
  'Thornbury',
  'Underhill',
  'Vance',
  'Westerby',
  'Yelland',
  'Abbiss',
  'Birtwhistle',
  'Coombe',
  'Dimmock',
  'Eastwood',
  'Fairlie',
  'Gilmour',
  'Hebden',
];

/** Survey items of the sample organisation's quarterly pulses, all on a 5-point scale. */
export interface ItemBlueprint {
  readonly id: string;
  readonly text: string;
  readonly factor: string;
  readonly tags: readonly string[];
  /** Loading on the person's engagement. */
  readonly loading: number;
  /** Shift of the item's latent response: a positive shift makes it easier to agree with. */
  readonly shift: number;
  /** In the short pulse as well as the annual survey. */
  readonly pulse: boolean;
}

export const ITEMS: readonly ItemBlueprint[] = [
  {
    id: 'growth1',
    text: 'I have good opportunities to learn and grow here.',
    factor: 'growth',
    tags: ['engagement-index'],
    loading: 0.74,
    shift: -0.1,
    pulse: true,
  },
  {
    id: 'growth2',
    text: 'I can see a future for my career here.',
    factor: 'growth',
    tags: [],
    loading: 0.76,
    shift: -0.3,
    pulse: false,
  },
  {
    id: 'recognition1',
    text: 'I receive recognition for good work.',
    factor: 'recognition',
    tags: [],
    loading: 0.66,
    shift: -0.2,
    pulse: true,
  },
  {
    id: 'workload1',
    text: 'My workload is manageable.',
    factor: 'workload',
    tags: [],
    loading: 0.62,
    shift: -0.2,
    pulse: true,
  },
  {
    id: 'workload2',
    text: 'I can switch off from work in my own time.',
    factor: 'workload',
    tags: [],
    loading: 0.59,
    shift: -0.1,
    pulse: false,
  },
  {
    id: 'support1',
    text: 'My manager supports me when I need help.',
    factor: 'manager-support',
    tags: [],
    loading: 0.66,
    shift: 0.3,
    pulse: true,
  },
  {
    id: 'support2',
    text: 'My manager listens to my ideas and concerns.',
    factor: 'manager-support',
    tags: [],
    loading: 0.64,
    shift: 0.1,
    pulse: false,
  },
  {
    id: 'belonging1',
    text: 'I feel I belong in my team.',
    factor: 'belonging',
    tags: ['engagement-index'],
    loading: 0.72,
    shift: 0.3,
    pulse: true,
  },
  {
    id: 'clarity1',
    text: 'I know what is expected of me at work.',
    factor: 'clarity',
    tags: [],
    loading: 0.6,
    shift: 0.5,
    pulse: false,
  },
  {
    id: 'stay1',
    text: 'I expect to still be working here in a year.',
    factor: 'retention',
    tags: ['intent-to-stay', 'engagement-index'],
    loading: 0.76,
    shift: 0.2,
    pulse: true,
  },
];

/** Free-text answers by tone, for the open question. */
export const OPEN_ANSWERS = {
  positive: [
    'Keep the team days, they make a real difference.',
    'More of the same: I feel trusted to do my job.',
    'The new onboarding buddies were great.',
    'Clearer roadmaps have helped a lot this quarter.',
  ],
  neutral: [
    'Fewer meetings on Fridays would help.',
    'Better laptops for the people who need them.',
    'A clearer view of how promotions are decided.',
    'More time to document what we build.',
  ],
  negative: [
    'The workload has been too high for months.',
    'Decisions change too often and nobody explains why.',
    'I do not see a way to progress here.',
    'Too many priorities and not enough people.',
    'I rarely hear back after raising something.',
  ],
} as const;

/** Titles of ideas people bring to their manager. */
export const IDEA_TITLES: readonly string[] = [
  'Rotate the on-call schedule weekly',
  'Shared checklist for releases',
  'Monthly demo afternoon',
  'Quiet hours on Wednesday mornings',
  'Template for customer handovers',
  'Buddy scheme for new starters',
  'Automate the weekly report',
  'Reading group on Fridays',
  'Move stand-up to 10:00',
  'Clean up the shared drive',
];

/** Topics of concerns people raise with their manager. */
export const CONCERN_TOPICS: readonly string[] = [
  'Workload after two people left',
  'Unclear priorities between teams',
  'Equipment is too slow',
  'Too many late meetings',
  'Feedback on a conflict in the team',
  'No time for training',
  'On-call load is uneven',
  'Desk and noise in the office',
];

/** Notes on needs raised in one-to-ones, by kind. */
export const NEED_NOTES = {
  development: 'Wants a course or a stretch project',
  workload: 'Asked to rebalance the current workload',
  tools: 'Needs better equipment or access',
  wellbeing: 'Asked for flexibility for a while',
  other: 'Asked for help with something else',
} as const;
