/**
 * The demonstration council's data-protection policy as plain data: how long
 * each kind of record is kept and what erasure does to it, and the notices a
 * subject access export gives with the data (UK GDPR Article 15). A council
 * replaces these with its own retention schedule and privacy notices.
 */
import type { DataController, ProcessingNotice, RetentionRule } from '@councilkit/citizen/gdpr';

/** Where the residents the desk shows come from, as a subject access export names it. */
export const RESIDENT_SOURCE = 'contact-centre';

/** The controller named on every export. */
export const controller: DataController = {
  name: 'Anytown Borough Council',
  contact: 'Data Protection Officer, Town Hall, Anytown AN1 1AA; dpo@anytown.example.gov.uk',
};

/** Retention schedule: named case types first, `'*'` for the rest. */
export const retentionRules: RetentionRule[] = [
  { appliesTo: { source: RESIDENT_SOURCE }, onErasure: 'delete', basis: 'Contact details are kept only while the resident uses council services' },
  { appliesTo: { caseType: 'social-care.adult-referral' }, keepFor: { years: 8 }, onErasure: 'pseudonymise', basis: 'Adult social care records: 8 years after the last contact' },
  { appliesTo: { caseType: 'revenues.single-person-discount' }, keepFor: { years: 6 }, onErasure: 'pseudonymise', basis: 'Council tax: Limitation Act 1980, 6 years' },
  { appliesTo: { caseType: 'revenues.moving-home' }, keepFor: { years: 6 }, onErasure: 'pseudonymise', basis: 'Council tax: Limitation Act 1980, 6 years' },
  { appliesTo: { caseType: 'revenues.direct-debit-change' }, keepFor: { years: 6 }, onErasure: 'pseudonymise', basis: 'Council tax: Limitation Act 1980, 6 years' },
  { appliesTo: { caseType: 'parking.pcn' }, keepFor: { years: 6 }, onErasure: 'pseudonymise', basis: 'Penalty charge debts: Limitation Act 1980, 6 years' },
  { appliesTo: { caseType: '*' }, onErasure: 'pseudonymise', basis: 'Service statistics: cases are pseudonymised so counts by type, channel and outcome survive' },
];

const residentNotice: ProcessingNotice = {
  purposes: ['Finding you when you contact us', 'Providing the council services you ask for'],
  lawfulBases: ['public-task'],
  recipients: ['Council services that deal with your request'],
  retention: 'While you use council services; deleted on erasure',
  source: 'You, and the council services you use',
};

/** Notices per source system. */
export const sourceNotices: Record<string, ProcessingNotice> = { [RESIDENT_SOURCE]: residentNotice };

const serviceNotice = (purpose: string, recipients: string[], retention: string, lawfulBases: ProcessingNotice['lawfulBases'] = ['public-task']): ProcessingNotice => ({
  purposes: [purpose],
  lawfulBases,
  recipients,
  retention,
  source: 'You, and the council staff who handled your request',
});

/** Notices per case type, `'*'` for the rest. */
export const caseNotices: Record<string, ProcessingNotice> = {
  'social-care.adult-referral': {
    ...serviceNotice('Assessing adult social care needs', ['Adult social care', 'NHS partners where you agree'], '8 years after the last contact'),
    specialCategoryConditions: ['Health or social care (DPA 2018 Schedule 1 paragraph 2)'],
  },
  'revenues.single-person-discount': serviceNotice('Billing and collecting council tax', ['Revenues service', 'Valuation Office Agency'], '6 years', ['legal-obligation', 'public-task']),
  'revenues.moving-home': serviceNotice('Billing and collecting council tax', ['Revenues service'], '6 years', ['legal-obligation', 'public-task']),
  'revenues.direct-debit-change': serviceNotice('Collecting council tax by direct debit', ['Revenues service', 'Your bank'], '6 years', ['legal-obligation', 'public-task']),
  'parking.pcn': serviceNotice('Enforcing parking restrictions', ['Parking service', 'Traffic Penalty Tribunal'], '6 years'),
  '*': serviceNotice('Providing the service you asked for', ['The council service that deals with it'], 'Pseudonymised on erasure; counts kept for statistics'),
};

/** The team restricted cases stay open to, and the role that runs the desk. */
export const DATA_PROTECTION_TEAM = 'data-protection';
export const DPO_ROLE = 'dpo';
