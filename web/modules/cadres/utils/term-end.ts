/**
 * Whether an appointment term has run out on the date the page shows: the term end is its last day
 * (Regulation 80-QĐ/TW: five years from the appointment), so it has passed from the next day on.
 */
export function isTermPassed(termEndDate: string, asOf: string): boolean {
  // YYYY-MM-DD strings compare as dates.
  return termEndDate < asOf;
}
