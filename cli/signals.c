/* SIGINT and SIGTERM cancel the work in progress (dqa_cancel) instead of
 * killing the process mid-write, so no temporary or half-written file is
 * left; the command then exits 128 + the signal's number. A second signal
 * kills at once. SIGPIPE keeps its default, so `dqa ... | head` ends quietly
 * even when the parent ignored it. */
#include <signal.h>
#include <stdio.h>

#include "cli.h"

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
	dqa_cancel();
	signal(sig, SIG_DFL);
}

void cli_signals_init(void)
{
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a read blocked on a pipe returns EINTR and the
	 * audit stops instead of waiting for more input. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_DFL);
}

int cli_interrupted(int status)
{
	if (!caught)
		return status;
	fprintf(stderr, "dqa: interrupted by %s; nothing more was written\n",
		caught == SIGINT ? "SIGINT" : "SIGTERM");
	return 128 + caught;
}
