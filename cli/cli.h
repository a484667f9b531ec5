/* Shared pieces of the dqa command: subcommand entry points, exit codes and
 * error printing. */
#ifndef DQA_CLI_H
#define DQA_CLI_H

#include "dqa.h"

enum {
	EXIT_PASS = 0,
	EXIT_GATE = 1,      /* quality gate failed */
	EXIT_USAGE = 2,     /* usage or rule-file error */
	EXIT_INPUT = 3      /* input or I/O error */
};

int cmd_audit(int argc, char **argv);
int cmd_lint(int argc, char **argv);

/* Prints err on stderr the way editors read it and returns its exit status. */
int report_error(const dqa_error *err);

#endif
