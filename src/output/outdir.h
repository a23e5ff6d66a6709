/* outdir.h — results are written to a temporary folder next to the target
 * and renamed into place only when complete, so a failed or interrupted
 * run never leaves a half-written folder that looks like a result, and
 * never destroys the previous complete result. */
#ifndef RS_OUTDIR_H
#define RS_OUTDIR_H

#include <stdio.h>

#include "../util/util.h"

typedef struct rs_outdir {
    char *final; /* the folder the user asked for */
    char *tmp;   /* where files are written until commit */
} rs_outdir;

/* Prepares a temporary folder for 'dir'.  Refuses a 'dir' that exists but
 * is not a regiosim result (no summary.json or compare.csv in it), so that
 * `-o .` cannot replace a folder of the user's.  RS_EXIT_OK or an error
 * code with a message in 'diag'. */
int rs_outdir_begin(rs_outdir *o, const char *dir, rs_diag *diag);
/* Opens 'name' for writing inside the temporary folder. */
FILE *rs_outdir_open(rs_outdir *o, const char *name, rs_diag *diag);
/* Closes 'f' and reports a write error (a full disk) as RS_EXIT_IO. */
int rs_outdir_close(FILE *f, const char *name, rs_diag *diag);
/* Puts the folder in place (replacing a previous result atomically). */
int rs_outdir_commit(rs_outdir *o, rs_diag *diag);
/* Removes the temporary folder; safe after commit and on NULL fields. */
void rs_outdir_abort(rs_outdir *o);

/* Removes a folder tree (used for temporary folders only). */
int rs_rmtree(const char *path);

#endif
