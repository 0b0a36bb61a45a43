/** Days picked in date inputs as the API's time ranges (epoch ms, `to` exclusive). */

/** Local dates 'YYYY-MM-DD' (blank = open) → from the start of `from` to the end of `to`, in the browser's zone. */
export function dayRange(from: string, to: string): { from?: number; to?: number } {
  const midnight = (d: string, plusDays = 0) => {
    const at = new Date(`${d}T00:00:00`);
    at.setDate(at.getDate() + plusDays);
    return at.getTime();
  };
  const out: { from?: number; to?: number } = {};
  if (from) out.from = midnight(from);
  if (to) out.to = midnight(to, 1);
  return out;
}
