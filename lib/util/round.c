/* See round.h. */
#include "round.h"

#include <math.h>

double round_to(double v, int decimals)
{
	double scale = decimals == 1 ? 10 : 100;
	return round(v * scale) / scale;
}
