import { EMPTY_COUNTS, roundedQuotient, summarize } from '../../../src/supervision/ledger.summary';

describe('ledger figures', () => {
  test('quotients are rounded half up from the integers, not from a float', () => {
    expect(roundedQuotient(1n, 3n, 4)).toBe(0.3333);
    expect(roundedQuotient(2n, 3n, 4)).toBe(0.6667);
    expect(roundedQuotient(1n, 8n, 2)).toBe(0.13); // 0.125 → 0.13 (a float rounding could give 0.12)
    expect(roundedQuotient(1005n, 1000n, 2)).toBe(1.01); // 1.005 is 1.00499… as a float
    expect(roundedQuotient(0n, 5n, 4)).toBe(0);
    expect(() => roundedQuotient(1n, 0n, 2)).toThrow();
  });

  test('closing rate and days to close come from the counts; none without findings', () => {
    expect(summarize({ ...EMPTY_COUNTS, total: 8, open: 5, overdue: 2, closed: 3, awaiting_response: 1, rectifying: 2, submitted: 1, reopened: 1, days_to_close: '95', median_days_to_close: 30, oldest_overdue_due_on: '2025-01-31' })).toEqual({
      total: 8, open: 5, overdue: 2, closed: 3, awaitingResponse: 1, rectifying: 2, submitted: 1, reopened: 1,
      closingRate: 0.375, averageDaysToClose: 31.67, medianDaysToClose: 30, oldestOverdueDueOn: '2025-01-31',
    });
    expect(summarize(EMPTY_COUNTS)).toMatchObject({ total: 0, closingRate: null, averageDaysToClose: null, medianDaysToClose: null });
  });
});
