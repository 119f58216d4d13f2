import type { PriCategory } from '../../shared/domain/ids';

/**
 * The words of the synthetic hub: sentence templates in the vocabulary of
 * insider-threat casework. Everything is fictional — people, places, countries,
 * amounts. `{slot}` is filled from `slots` below; a sentence's first letter is
 * capitalised after filling.
 */
export const slots: Readonly<Record<string, readonly string[]>> = {
  subject: ['the employee', 'the subject', 'the individual', 'the person of concern', 'the staff member', 'the cleared employee'],
  colleague: ['a co-worker', 'a team lead', 'the first-line supervisor', 'a contractor on the same program', 'a peer in the branch', 'the section chief', 'a facility security officer', 'a help-desk technician'],
  country: ['Veloria', 'Marundia', 'Kestova', 'Ostrelia', 'Danavar', 'Qirath', 'Solvany', 'Teravin'],
  system: ['the program file share', 'the engineering data system', 'the personnel database', 'the classified enclave', 'the badge access system', 'the source-code repository', 'the logistics ERP', 'the contracts archive'],
  when: ['after hours', 'on a weekend', 'late in the evening', 'before the start of the shift', 'during a holiday closure', 'while on leave'],
  count: ['two', 'three', 'four', 'several', 'five', 'a dozen', 'numerous'],
  place: ['Building 4', 'the annex', 'the north SCIF', 'Hangar 2', 'the test range', 'the main lobby', 'the loading dock', 'the third-floor open bay'],
  org: ['Logistics', 'Program Integration', 'Facilities', 'Test Engineering', 'Contracts', 'Information Technology', 'Flight Operations', 'Finance', 'Payload Design', 'Supply Chain'],
  period: ['two months', 'six weeks', 'the last quarter', 'several months', 'the past year', 'three weeks'],
  amount: ['$4,800', '$12,400', '$27,000', '$61,500', '$9,350', '$138,000', '$2,200', '$45,900'],
  media: ['a personal USB drive', 'a removable hard disk', 'a personal cloud account', 'a personal email address', 'a smartphone camera', 'printed copies'],
  agency: ['the county sheriff', 'the municipal police', 'the military police', 'the district court', 'the state licensing board'],
};

export interface CategoryWords {
  /** Short indicator summaries. */
  readonly summaries: readonly string[];
  /** Sentences for indicator details and narratives. */
  readonly details: readonly string[];
  readonly sources: readonly string[];
}

export const categoryWords: Readonly<Record<PriCategory, CategoryWords>> = {
  access: {
    summaries: [
      'Requested access beyond current duties',
      'Retained access after reassignment',
      'Repeated badge use at unusual hours',
      'Attempted entry to a restricted area',
      'Asked colleagues for their credentials',
      'Access to a sensitive program without need to know',
    ],
    details: [
      '{subject} asked {colleague} to add them to the distribution list of a program they no longer support.',
      'Badge records show {count} entries to {place} {when} over {period}.',
      'Access to {system} was not removed when {subject} moved to {org}, and it was used twice after the move.',
      '{subject} requested elevated rights on {system} citing a deadline that the project manager could not confirm.',
      '{colleague} reported that {subject} asked to borrow a badge to reach {place}.',
      'The access review found {subject} still listed on {count} restricted rosters with no current need to know.',
    ],
    sources: ['Badge access logs', 'Access review', 'Program security officer', 'Supervisor', 'Account audit'],
  },
  professional: {
    summaries: [
      'Negative performance review and open disgruntlement',
      'Passed over for promotion, voiced grievances',
      'Conflict with supervisor escalating',
      'Notice of proposed removal received',
      'Repeated unexplained absences',
      'Hostile remarks about management',
    ],
    details: [
      '{subject} received a negative performance review and told {colleague} that the organization "owes" them.',
      'After being passed over for promotion, {subject} said the selection was rigged and stopped attending team meetings.',
      'Workplace conflict between {subject} and the supervisor in {org} has escalated to raised voices in the open bay.',
      '{subject} was issued a notice of proposed removal and has since spoken about "getting even" with leadership.',
      'Timekeeping shows {count} unexplained absences over {period}, with no leave requested.',
      '{colleague} described {subject} as withdrawn, irritable and increasingly isolated from the team.',
      'A grievance filed by {subject} was denied last month; {subject} said they would take the matter into their own hands.',
    ],
    sources: ['Supervisor', 'Human resources', 'Co-worker', 'Employee relations specialist', 'Timekeeping records'],
  },
  foreign: {
    summaries: [
      'Unreported foreign contacts',
      'Unreported foreign travel',
      'Contact with a foreign government representative',
      'Close relatives in a country of concern',
      'Foreign business interest not disclosed',
      'Solicitation from a foreign recruiter',
    ],
    details: [
      '{subject} did not report repeated contact with a person who introduced themselves as a trade attaché of {country}.',
      'Travel records show a trip to {country} that {subject} did not report before or after travel.',
      '{subject} mentioned to {colleague} an online contact from {country} who offered paid consulting work on technical topics.',
      'A professional networking site shows {subject} connected to {count} recruiters linked to a state-owned firm of {country}.',
      '{subject} holds a stake in a company registered in {country} that was not listed on the financial disclosure.',
      'The foreign contact asked {subject} general questions about the program schedule and who else worked on it.',
    ],
    sources: ['Foreign travel records', 'Counterintelligence', 'Co-worker', 'Continuous evaluation alert', 'Self-report'],
  },
  security_compliance: {
    summaries: [
      'Repeated security violations',
      'Classified material left unsecured',
      'Policy violations on removable media',
      'Failure to report a reportable event',
      'Security container left open',
      'Improper handling of controlled information',
    ],
    details: [
      '{subject} has had {count} security violations in {period}, including an unsecured container in {place}.',
      'Controlled documents were found on a desk in {place} {when} with no cover sheet.',
      '{subject} connected {media} to a government workstation despite the removable-media policy.',
      '{subject} did not report an arrest that occurred during {period}, a reportable event under the program rules.',
      'A facility security officer found a security container open and unattended; {subject} was the last to sign the log.',
      'Policy violations were recorded after {subject} discussed program details on an unapproved messaging app.',
    ],
    sources: ['Security incident report', 'Facility security officer', 'Security container log', 'Program security officer'],
  },
  technical: {
    summaries: [
      'Bulk download from a sensitive repository',
      'Access anomalies on a classified system',
      'Attempt to bypass data-loss controls',
      'Use of unauthorized software',
      'Large print jobs of program documents',
      'Email forwarding to a personal account',
    ],
    details: [
      'User activity monitoring flagged a download of {count} gigabytes from {system} {when}.',
      'Access anomalies: {subject} opened files in {system} unrelated to their tasks over {period}.',
      '{subject} renamed document extensions before sending them, which the data-loss tool treats as evasion.',
      'An unauthorized file-transfer utility was installed on the workstation of {subject} and removed two days later.',
      'Print logs show {count} large print jobs of design documents {when}.',
      'Mailbox rules forwarded program email to {media} for {period} before the rule was detected.',
      'The help desk found attempts to disable the endpoint agent on the laptop assigned to {subject}.',
    ],
    sources: ['User activity monitoring', 'Cybersecurity operations', 'Data-loss prevention alert', 'Help desk ticket', 'Print server logs'],
  },
  criminal_violent: {
    summaries: [
      'Threatening statements toward a supervisor',
      'Arrest for assault',
      'Domestic violence protective order',
      'Brought a weapon onto the premises',
      'Intimidating behavior toward co-workers',
      'Fascination with recent workplace attacks',
    ],
    details: [
      '{subject} told {colleague} that the supervisor "would not see the end of the year" and later called it a joke.',
      '{agency} reported an arrest of {subject} for assault during {period}; charges are pending.',
      'A protective order was issued against {subject}; the petitioner also works at {place}.',
      'Security found a firearm in the vehicle of {subject} in the employee lot, against the site policy.',
      '{count} co-workers said they avoid {subject} after repeated shouting and slammed doors.',
      '{subject} talked at length about a recent workplace shooting and said the attacker "had a point".',
    ],
    sources: ['Supervisor', 'Law enforcement liaison', 'Security officer', 'Co-worker', 'Court records'],
  },
  financial: {
    summaries: [
      'Financial stress and mounting debt',
      'Wage garnishment notice',
      'Borrowing money from co-workers',
      'Unexplained affluence',
      'Bankruptcy filing',
      'Gambling losses',
    ],
    details: [
      '{subject} has debts of about {amount} and said collection agencies call them at work.',
      'Payroll received a wage garnishment notice for {subject} covering {amount} in unpaid loans.',
      '{subject} borrowed money from {count} co-workers over {period} and has not repaid them.',
      '{subject} recently paid cash for a new vehicle and a boat, which does not match their salary.',
      'A bankruptcy filing by {subject} appeared in the continuous evaluation feed during {period}.',
      '{subject} mentioned losses of {amount} at an online casino and asked {colleague} about payday loans.',
      'Financial stress worsened after a divorce settlement; {subject} said they might lose the house.',
    ],
    sources: ['Continuous evaluation alert', 'Payroll', 'Co-worker', 'Supervisor', 'Credit report'],
  },
  substance: {
    summaries: [
      'Signs of alcohol misuse at work',
      'Positive random drug test',
      'Driving under the influence arrest',
      'Gambling habit',
      'Missed work after heavy drinking',
      'Misuse of prescription medication',
    ],
    details: [
      '{colleague} smelled alcohol on {subject} during a morning briefing on {count} occasions.',
      '{subject} tested positive in a random drug test and declined the offered counseling.',
      '{agency} arrested {subject} for driving under the influence during {period}.',
      '{subject} described a long-standing gambling habit and betting most evenings.',
      '{subject} missed work {count} times after weekends of heavy drinking, according to the supervisor.',
      'Co-workers noticed slurred speech and unsteady behavior after lunch breaks over {period}.',
    ],
    sources: ['Supervisor', 'Drug testing program', 'Law enforcement liaison', 'Co-worker', 'Employee assistance referral'],
  },
  judgment_psychological: {
    summaries: [
      'Expressed hopelessness and isolation',
      'Erratic behavior and outbursts',
      'Statements supporting violent extremism',
      'Grandiose claims and poor judgment',
      'Posted grievances on social media',
      'Feels persecuted by colleagues',
    ],
    details: [
      '{subject} told {colleague} they feel hopeless and that nobody would notice if they were gone.',
      'Erratic behavior: {subject} had {count} outbursts in meetings over {period} and left the building abruptly.',
      'Social media posts by {subject} voice support for violent extremist groups and their methods.',
      '{subject} claimed to be the only person who understands the program and that rules do not apply to them.',
      '{subject} posted long grievances about {org} leadership on a public forum, naming individual managers.',
      '{subject} often feels mocked, criticized and treated unfairly, and has become withdrawn from the team.',
    ],
    sources: ['Supervisor', 'Behavioral science consultant', 'Co-worker', 'Social media review', 'Employee assistance program'],
  },
};

export const narrativeOpeners: readonly string[] = [
  'On the date of this report, {colleague} contacted the hub to describe concerns about {subject}, who works in {org}.',
  'The hub received an automated alert about {subject} and opened this case to assess it.',
  '{colleague} called the hotline about {subject}, who holds a clearance and works in {org}.',
  'A supervisor referral describes {subject} in {org} and a pattern of behavior over {period}.',
  'During a routine records check, the hub found information about {subject} that needed review.',
  '{colleague} came in person to the security office to report concerns about {subject}.',
];

export const narrativeConnectors: readonly string[] = [
  'The reporter also said that {subject} had seemed under strain for {period}.',
  'Nothing in the report suggests that anyone is in immediate danger.',
  'The reporter did not know whether the supervisor was already aware.',
  'According to the reporter, the behavior became more frequent over {period}.',
  'The reporter asked that their name not be shared with {subject}.',
  'Two other people in {org} are said to have noticed the same things.',
  'The reporter could not say whether the information is first-hand for every point.',
  'The reporter noted that {subject} has a good record of more than ten years.',
];

export const narrativeClosers: readonly string[] = [
  'The reporter was thanked and told the hub would follow up as needed.',
  'The hub will gather information from the disciplines before any response is decided.',
  'No action was discussed with the reporter beyond confidentiality of the report.',
  'The reporter agreed to be contacted again if further questions arise.',
];

export const analysisGoals: readonly string[] = [
  'Determine whether {subject} removed or disclosed program information without authorization.',
  'Assess whether the reported stressors are escalating toward concerning behavior.',
  'Establish whether the foreign contact was reported as required and what was discussed.',
  'Determine whether there is a threat of violence to co-workers in {org}.',
  'Establish the source and extent of the financial difficulties.',
];

export const analysisQuestions: readonly string[] = [
  'Did {subject} have access to the material that was downloaded?',
  'Is there corroboration from more than one source for the statements attributed to {subject}?',
  'Has {subject} reported the foreign travel through the required process?',
  'What does the supervisor in {org} know about the workplace conflict?',
  'Are the access anomalies explained by an assigned task?',
  'Is the debt recent or long-standing, and has it been disclosed?',
];

export const analysisAssumptions: readonly string[] = [
  'We assume the badge records are complete for {period}; the facility team has not confirmed it.',
  'We assume the reporter has no personal dispute with {subject}.',
  'We assume {subject} is unaware of the inquiry.',
  'We assume the monitoring alert was not a false positive from a scheduled backup.',
];

export const analysisAlternatives: readonly string[] = [
  'The downloads may be explained by a records-retention task assigned by {colleague}.',
  'The statements may reflect frustration rather than intent; behavioral science should weigh in.',
  'The foreign contact may be an ordinary professional acquaintance from a conference.',
  'The financial problems may be temporary and already being addressed through counseling.',
];

export const analysisAnswers: readonly string[] = [
  'Records reviewed so far partially corroborate the report; two points remain unconfirmed.',
  'The supervisor confirmed the timeline and added that the behavior stopped after a team change.',
  'Cybersecurity found no evidence of data leaving the network beyond the flagged transfer.',
  'The travel was reported late but fully; no further foreign contact has been identified.',
  'Human resources confirmed the performance actions and the grievance history.',
  'Information is still being gathered; the question stays open.',
];

export const actionNotes: readonly string[] = [
  'Coordinated with {colleague}; first meeting scheduled within two weeks.',
  'Legal reviewed the proposed step for privacy and civil liberties concerns.',
  'The supervisor in {org} agreed to support the response without alerting {subject}.',
  'Monitoring will be reviewed at the next case review and adjusted if nothing new appears.',
  'Referral made; the provider confirmed receipt and will report attendance only.',
  'Access changes applied to {system}; the program security officer confirmed.',
  'Completed as planned; no unintended consequences observed so far.',
];

export const reviewChanges: readonly string[] = [
  'No new potential risk indicators were reported since the last review.',
  '{subject} attended the referral appointments and the workplace conflict has eased.',
  'A new report from {colleague} described a further security violation in {place}.',
  'Financial counseling is under way and the garnishment was resolved.',
  'Monitoring found no further access anomalies on {system}.',
  'The supervisor reports improved attendance and engagement over {period}.',
];

export const reviewCoordination: readonly string[] = [
  'Human resources, security and legal met to review the responses.',
  'Counterintelligence was consulted and has no further interest at this time.',
  'Behavioral science reviewed the latest statements and recommends continued monitoring.',
  'The law enforcement liaison confirmed the court date and will share the outcome.',
];

export const closureReasons: readonly string[] = [
  'Concerns resolved after responses; no further risk indicators.',
  'Referred to the appropriate authority; hub role complete.',
  'Insufficient information to support further action.',
  'Subject separated; post-separation safety plan in place.',
];

export const caseTitles: Readonly<Record<PriCategory, readonly string[]>> = {
  access: ['Access beyond need to know in {org}', 'Badge use at unusual hours', 'Retained access after transfer'],
  professional: ['Workplace conflict in {org}', 'Disgruntlement after promotion decision', 'Performance dispute and grievances'],
  foreign: ['Unreported foreign contacts ({country})', 'Unreported travel to {country}', 'Foreign recruiter approach'],
  security_compliance: ['Repeated security violations', 'Policy violations with removable media', 'Unreported arrest'],
  technical: ['Bulk download from {system}', 'Access anomalies on {system}', 'Email forwarding to personal account'],
  criminal_violent: ['Threatening statements in {org}', 'Protective order and workplace safety', 'Weapon on site'],
  financial: ['Financial stress and mounting debt', 'Unexplained affluence', 'Wage garnishment and borrowing'],
  substance: ['Alcohol misuse at work', 'Gambling habit and debts', 'Driving under the influence arrest'],
  judgment_psychological: ['Statements of hopelessness', 'Extremist statements online', 'Erratic behavior in {org}'],
};

export const firstNames: readonly string[] = [
  'Alden', 'Brianne', 'Cyrus', 'Delphine', 'Emory', 'Fiona', 'Gideon', 'Harriet', 'Ivo', 'Jolene', 'Kasimir', 'Leona',
  'Marlon', 'Nadia', 'Orrin', 'Petra', 'Quentin', 'Rosalind', 'Silas', 'Tamsin', 'Ulric', 'Vesna', 'Wendell', 'Xenia',
  'Yusuf', 'Zelda', 'Anselm', 'Beatrix', 'Corwin', 'Dagny',
];

export const lastNames: readonly string[] = [
  'Ashgrove', 'Brannock', 'Calloway', 'Dunmore', 'Ellery', 'Fairweather', 'Gantry', 'Holloway', 'Ingram', 'Jessop',
  'Kettering', 'Lockhart', 'Marchetti', 'Northcote', 'Oakhurst', 'Pellew', 'Quarles', 'Redfern', 'Stroud', 'Thorne',
  'Underhill', 'Vance', 'Whitlock', 'Yardley', 'Zimmerman', 'Abernethy', 'Blackwood', 'Crowther', 'Darrow', 'Esterhaus',
];

export const positions: readonly string[] = [
  'Systems engineer', 'Supply specialist', 'Program analyst', 'Network administrator', 'Contracts specialist',
  'Test technician', 'Security specialist', 'Budget analyst', 'Software developer', 'Facilities manager',
];

export const clearances: readonly string[] = ['Secret', 'Top Secret', 'Top Secret/SCI', 'None', 'Confidential'];
