/* The one rounding rule of every score dqa writes or shows: half away from
 * zero at 1 or 2 decimals, as result.json has always rounded (printf alone
 * would show an exact 65.625 as 65.62 where the JSON says 65.63). */
#ifndef DQA_UTIL_ROUND_H
#define DQA_UTIL_ROUND_H

/* v rounded to decimals (1 or 2; anything else is taken as 2) places. */
double round_to(double v, int decimals);

#endif
