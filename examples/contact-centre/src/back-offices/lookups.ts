import type { Citizen } from '@councilkit/citizen';
import type { Pcn } from '@councilkit/parking';
import { pcnNumbersOf, vehicleOf } from '../residents/resident-directory.js';
import type { Account } from '@councilkit/revenues';
import { type ReadThrough, readThrough } from './read-through.js';
import type { ParkingWiring, RevenuesWiring } from './revenues-parking.js';

const pounds = (pence: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);

/** A council tax account as the desktop shows it. */
export interface AccountView {
  reference: string;
  address: string;
  band: string;
  balance: string;
  annualCharge: string;
  paymentMethod: string;
  instalments: Array<{ due: string; amount: string; status: string }>;
  discounts: string[];
}

/** Present an account: money in pounds, the next instalments first. */
export function presentAccount(account: Account): AccountView {
  return {
    reference: account.reference,
    address: [...account.propertyAddress.lines, account.propertyAddress.postcode].join(', '),
    band: account.band,
    balance: account.balance < 0 ? `${pounds(-account.balance)} in credit` : pounds(account.balance),
    annualCharge: pounds(account.annualCharge),
    paymentMethod: account.paymentMethod.kind.replace(/-/g, ' ') + (account.paymentMethod.paymentDay ? ` on day ${account.paymentMethod.paymentDay}` : ''),
    instalments: account.instalments.filter((i) => i.status !== 'paid').slice(0, 4).map((i) => ({ due: i.due, amount: pounds(i.amount), status: i.status })),
    discounts: account.discounts.map((d) => `${d.description} (${d.percent}%)`),
  };
}

/** Find a council tax account by reference and a second factor, for a page. */
export function lookUpAccount(revenues: RevenuesWiring, input: { reference: string; postcode?: string; surname?: string }): Promise<ReadThrough<AccountView>> {
  return readThrough('a council tax account', 'The council tax system', async (signal) =>
    presentAccount(
      await revenues.client.findAccount(
        input.postcode ? { reference: input.reference, postcode: input.postcode } : { reference: input.reference, surname: input.surname ?? '' },
        { signal },
      ),
    ),
  );
}

/** A PCN as the desktop shows it. */
export interface PcnView {
  pcnNumber: string;
  vrm: string;
  contravention: string;
  location: string;
  stage: string;
  amountDue: string;
  dueBy: string | null;
  discount: string | undefined;
  onHold: boolean;
  /** Paid or cancelled: nothing more is due. */
  ended: boolean;
}

/** Find a PCN by number and registration, for a page. */
export function lookUpPcn(parking: ParkingWiring, input: { pcnNumber: string; vrm: string }): Promise<ReadThrough<PcnView>> {
  return readThrough('the penalty charge', 'The parking system', async (signal) => {
    const pcn: Pcn = await parking.client.findPcn(input, { signal });
    return {
      pcnNumber: pcn.pcnNumber,
      vrm: pcn.vrm,
      contravention: `${pcn.contravention} (code ${pcn.contraventionCode})`,
      location: pcn.location,
      stage: pcn.stage.replace(/-/g, ' '),
      amountDue: pounds(pcn.amountDue),
      dueBy: pcn.dueBy,
      discount: pcn.discountUntil
        ? `${pounds(pcn.amountDiscounted)} until ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${pcn.discountUntil}T00:00:00Z`))}`
        : undefined,
      onHold: pcn.onHold,
      ended: pcn.stage === 'paid' || pcn.stage === 'cancelled',
    };
  });
}

/** A resident's PCNs for their page: the open ones, how many have ended, and any notices. */
export interface ResidentPcns {
  open: PcnView[];
  /** PCNs paid or cancelled, counted but not shown. */
  ended: number;
  /** Why some PCNs cannot be shown (the parking system is down, or has no record), each said once. */
  notices: string[];
}

/**
 * Look up every PCN held on a resident (their `pcn` identifiers, with their
 * vehicle's registration) at once, each with its own time limit; `undefined`
 * when they have none.
 */
export async function lookUpResidentPcns(parking: ParkingWiring, citizen: Citizen): Promise<ResidentPcns | undefined> {
  const vrm = vehicleOf(citizen);
  const pcnNumbers = pcnNumbersOf(citizen);
  if (!vrm || pcnNumbers.length === 0) return undefined;
  const answers = await Promise.all(pcnNumbers.map((pcnNumber) => lookUpPcn(parking, { pcnNumber, vrm })));
  const found = answers.flatMap((answer) => (answer.status === 'ok' ? [answer.data] : []));
  return {
    open: found.filter((pcn) => !pcn.ended),
    ended: found.filter((pcn) => pcn.ended).length,
    notices: [...new Set(answers.flatMap((answer) => (answer.status === 'degraded' ? [answer.message] : [])))],
  };
}
