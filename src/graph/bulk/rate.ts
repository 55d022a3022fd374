/**
 * A rate as the import command prints it: whole numbers with thousands separators from 100 a second
 * up, three significant digits below (one relation imported in 2.5 s is 0.4 relationships/s, not 0).
 */
export function formatRate(count: number, seconds: number): string {
  if (!(seconds > 0)) return 'n/a';
  const rate = count / seconds;
  if (rate >= 100) return Math.round(rate).toLocaleString('en');
  return rate.toLocaleString('en', { maximumSignificantDigits: 3 });
}
