import { cite } from '../citation';
import type { TenetEntry } from './schema';

/** The five primary tenets for planning responses; "first, do no harm" is the most important. */
export const tenetEntries: readonly TenetEntry[] = [
  {
    id: 'do_no_harm',
    label: 'First, do no harm',
    description:
      'Assess the situation carefully to avoid exacerbating it or increasing risk: is there imminent danger to the individual or others, or an active transmittal of classified information? Plan the response before acting and avoid knee-jerk responses.',
    primary: true,
    source: cite.doNoHarm,
  },
  {
    id: 'procedures_and_authorities',
    label: 'Establish and maintain procedures and authorities',
    description: 'Keep detailed procedures and authorities for response options and a general response plan with the roles and responsibilities of program personnel and Hub members.',
    primary: false,
    source: cite.procedures,
  },
  {
    id: 'avoid_alerting',
    label: 'Avoid alerting the individual',
    description:
      'In general, do not alert the individual that they have been identified as a potential insider threat: it gives time to determine a response, protects their privacy and preserves evidence. In some cases immediate intervention may be required.',
    primary: false,
    source: cite.avoidAlerting,
  },
  {
    id: 'privacy_civil_liberties',
    label: 'Protect privacy and civil liberties',
    description: 'Handle, access, use, report and retain personal information in accordance with applicable laws, policies and regulations.',
    primary: false,
    source: cite.privacy,
  },
  {
    id: 'chain_of_custody',
    label: 'Preserve chain of custody and evidence',
    description:
      'Early actions must not interfere with law enforcement or counterintelligence investigations or operations, or inhibit future prosecution; work with general counsel and the referral agency on evidence handling.',
    primary: false,
    source: cite.chainOfCustody,
  },
];
