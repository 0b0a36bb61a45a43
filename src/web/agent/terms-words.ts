/** Product terms in the console's words. */

export const BILLING_PERIOD_WORDS: Record<string, string> = { 'one-off': 'one-off', daily: 'per day', weekly: 'per week', monthly: 'per month', quarterly: 'per quarter', yearly: 'per year' };

export const AFTER_TRIAL_WORDS: Record<string, string> = { 'converts-to-paid': 'charged automatically unless cancelled', ends: 'ends by itself, no charge' };
