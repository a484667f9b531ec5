/* The process-wide cancel flag set by dqa_cancel (from a signal handler)
 * and polled by the long-running loops. A lock-free atomic, so setting it
 * is async-signal-safe and reading it from workers is race-free. */
#include <stdatomic.h>

#include "../dqa.h"

static atomic_bool cancelled;

_Static_assert(ATOMIC_BOOL_LOCK_FREE == 2, "dqa_cancel must be async-signal-safe");

void dqa_cancel(void)
{
	atomic_store(&cancelled, true);
}

bool dqa_cancelled(void)
{
	return atomic_load_explicit(&cancelled, memory_order_relaxed);
}
