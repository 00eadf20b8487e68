// A batch of resident records, the kind a council gets from a legacy system
// export or a partner's spreadsheet: most generated (and typed in messily),
// some written by hand with the mistakes people really make. Each is
// validated and normalised with parseCitizen; the summary says what happened.
import { createRedactor, parseCitizen, redactCitizen } from '@councilkit/citizen';
import { createResidentGenerator } from '@councilkit/citizen/synthetic';
import { formatSummary, summariseBatch } from './summary.js';

const generator = createResidentGenerator({ seed: 'citizen-batch-example' });
const generated = generator.residents(500).map((resident) => generator.messy(resident));

const handMade: unknown[] = [
  {
    id: 'legacy-0001',
    name: { given: '  Siân ', family: "O'Brien-Nkemelu" },
    dateOfBirth: { day: '7', month: '3', year: '1961' },
    addresses: [{ address: { sao: 'flat 2', pao: '14', street: 'Station Road', town: 'Cardiff', postcode: 'cf24 4hq' } }],
    contactPoints: [{ kind: 'phone', value: '+44 (0)29 2018 0123', use: 'home', preferred: true }],
    identifiers: [{ scheme: 'nino', value: 'jt 12 34 56 c' }],
    communicationNeeds: { language: 'CY' },
  },
  { id: 'legacy-0002', name: { given: 'Tomasz', family: 'Nowak' }, dateOfBirth: '31/02/1990' },
  { id: 'legacy-0003', name: { family: 'Begum' }, addresses: [{ address: { pao: '9', street: 'Mill Lane', town: 'Leeds', postcode: 'LS6 ABC' } }] },
  { id: 'legacy-0004', name: { given: 'Grace' , family: 'Hopper' }, identifiers: [{ scheme: 'nino', value: 'QQ 12 34 56 C' }] },
  { id: 'legacy-0005', name: { given: 'Ewan', family: 'Fraser' }, contactPoints: [{ kind: 'email', value: 'ewan.fraser@example' }] },
  { id: 'legacy-0006', name: { given: 'Mo', family: 'Ali' }, dateOfBirth: '2099-01-01' },
  { id: 'legacy-0007', name: { given: '', family: '  ' } },
  { id: 'legacy-0008', name: { given: 'Dylan', family: 'Jones' }, contactPoints: [{ kind: 'phone', value: '12345' }] },
  { id: 'legacy-0009', name: { given: 'Aoife', family: 'Byrne' }, identifiers: [{ scheme: 'nhs-number', value: '943 476 5918' }] },
  { id: 'legacy 0010', name: 'Mrs A Patel' },
  'not a record at all',
];

const results = [...generated, ...handMade].map((record) => parseCitizen(record));
console.log(formatSummary(summariseBatch(results)));

const first = results[generated.length];
if (first?.success) {
  console.log('\nWhat parseCitizen tidied in the first hand-made record:');
  for (const change of first.normalisations) console.log(`  ${change.path}: ${JSON.stringify(change.from)} -> ${JSON.stringify(change.to)}`);
  console.log('\nThe same record as it is safe to log (redactCitizen):');
  console.log(`  ${JSON.stringify(redactCitizen(first.citizen))}`);
}

const redactor = createRedactor();
const failed = results.findIndex((result) => !result.success);
console.log('\nA log line for a failed record, through createRedactor:');
console.log(`  ${JSON.stringify(redactor.redact({ event: 'citizen.invalid', record: failed, result: results[failed] }))}`);
