/**
 * Customer numbers are confidential (requirements §6): everyone but the agent on the call
 * sees them masked. One format everywhere: the first five digits (country code and network
 * prefix) and the last four, e.g. +86138****8001.
 */
export function maskPhone(phone: string): string {
  const plus = phone.startsWith('+') ? '+' : '';
  const digits = phone.slice(plus.length);
  if (digits.length <= 8) return plus + digits.replace(/.(?=.{4})/g, '*');
  return `${plus}${digits.slice(0, 5)}${'*'.repeat(digits.length - 9)}${digits.slice(-4)}`;
}
