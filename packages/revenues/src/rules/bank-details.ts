import { z } from 'zod';

/**
 * Bank details after the checks in {@link checkBankDetails}: digits only.
 *
 * @example
 * ```ts
 * const check = checkBankDetails(form);
 * if (check.ok) { const details: CheckedBankDetails = check.value; }
 * ```
 */
export interface CheckedBankDetails {
  /** Six digits, no dashes. */
  sortCode: string;
  /** Eight digits. */
  accountNumber: string;
  /** Name on the account, trimmed. */
  accountHolder: string;
}

/**
 * A problem with bank details, keyed by field for a form's error summary.
 *
 * @example
 * ```ts
 * const check = checkBankDetails(form);
 * if (!check.ok) check.problems.forEach((problem: BankDetailsProblem) => console.log(problem.field, problem.message));
 * ```
 */
export interface BankDetailsProblem {
  field: 'sortCode' | 'accountNumber' | 'accountHolder' | 'paymentDay';
  message: string;
}

/**
 * The answer from {@link checkBankDetails}.
 *
 * @example
 * ```ts
 * const check: BankDetailsCheck = checkBankDetails({ sortCode: '12-34-56', accountNumber: '12345678', accountHolder: 'A Lovelace', paymentDay: 1 });
 * ```
 */
export type BankDetailsCheck = { ok: true; value: CheckedBankDetails & { paymentDay: number } } | { ok: false; problems: BankDetailsProblem[] };

/**
 * Input to {@link checkBankDetails}: what a resident typed.
 *
 * @example
 * ```ts
 * const input: BankDetailsInput = { sortCode: '12-34-56', accountNumber: '12345678', accountHolder: 'A Lovelace', paymentDay: 1, paymentDays: [1, 15] };
 * ```
 */
export interface BankDetailsInput {
  sortCode: unknown;
  accountNumber: unknown;
  accountHolder: unknown;
  paymentDay: unknown;
  /** The payment days this council offers. Default: `[1, 15, 28]`. */
  paymentDays?: number[];
}

/**
 * Check direct debit details before they go to the back office: a sort
 * code is 6 digits (spaces and dashes allowed as typed, as in "12-34-56"),
 * an account number is 8 digits, and the payment day must be one the
 * council offers. This is a format check; bank modulus checking is the
 * back office's job.
 *
 * @example
 * ```ts
 * checkBankDetails({ sortCode: '12-34-56', accountNumber: '12345678', accountHolder: 'A Lovelace', paymentDay: 15 });
 * // { ok: true, value: { sortCode: '123456', accountNumber: '12345678', accountHolder: 'A Lovelace', paymentDay: 15 } }
 * ```
 */
export function checkBankDetails(input: BankDetailsInput): BankDetailsCheck {
  const problems: BankDetailsProblem[] = [];
  const paymentDays = input.paymentDays ?? [1, 15, 28];
  const sortCode = typeof input.sortCode === 'string' ? input.sortCode.replace(/[\s-]/g, '') : '';
  if (!/^\d{6}$/.test(sortCode)) {
    problems.push({ field: 'sortCode', message: 'Enter a valid sort code like 309430' });
  }
  const accountNumber = typeof input.accountNumber === 'string' ? input.accountNumber.replace(/\s/g, '') : '';
  if (!/^\d{8}$/.test(accountNumber)) {
    problems.push({ field: 'accountNumber', message: 'Enter a valid account number like 00733445; it must be 8 digits' });
  }
  const holder = z.string().trim().min(1).max(18).regex(/^[A-Za-z0-9 &'.\/-]+$/).safeParse(input.accountHolder);
  if (!holder.success) {
    problems.push({ field: 'accountHolder', message: 'Enter the name on the account, up to 18 letters, numbers, spaces or & \' . / -' });
  }
  const day = input.paymentDay;
  if (typeof day !== 'number' || !paymentDays.includes(day)) {
    problems.push({ field: 'paymentDay', message: `Choose a payment day: ${paymentDays.join(', ')}` });
  }
  if (problems.length > 0 || !holder.success || typeof day !== 'number') return { ok: false, problems };
  return { ok: true, value: { sortCode, accountNumber, accountHolder: holder.data, paymentDay: day } };
}
