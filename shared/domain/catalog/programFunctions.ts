import { cite } from '../citation';
import type { ProgramFunctionEntry } from './schema';

/**
 * The four functions of an Insider Threat Program. The examples are the choices of
 * the Lesson 2 review activity, each placed under the function the guide's text
 * describes it with.
 */
export const programFunctionEntries: readonly ProgramFunctionEntry[] = [
  {
    id: 'prevent',
    label: 'Prevent',
    description:
      'Ensure leaders are aware of the current threat landscape, provide reports and recommendations for threat management, and make sure the workforce understands available resources.',
    examples: ['Provide leaders with information about the threat landscape'],
    source: cite.preventionDeterrenceDetection,
  },
  {
    id: 'deter',
    label: 'Deter',
    description:
      'Institute security countermeasures including awareness programs, strategic communications, and make sure personnel know the punitive actions offenders may face.',
    examples: ['Mandate security awareness training for employees', 'Document and make available the consequences of insider threat activity'],
    source: cite.preventionDeterrenceDetection,
  },
  {
    id: 'detect',
    label: 'Detect',
    description: 'Detect PRIs through reporting by personnel and monitoring conducted by the program; a detected PRI starts information gathering, analysis, reporting and response.',
    examples: ['Conduct user activity monitoring'],
    source: cite.preventionDeterrenceDetection,
  },
  {
    id: 'mitigate',
    label: 'Mitigate',
    description:
      'Deploy mitigation options, by referral outside the program when required or by internal actions, to reduce the risk before the issue escalates.',
    examples: ['Provide support and resources, such as an Employee Assistance Program, to guide the person off the critical pathway'],
    source: cite.intervention,
  },
];
