/* outdir.h — results are written to a temporary folder next to the target
 * and renamed into place only when complete, so a failed or interrupted
 * run never leaves a half-written folder that looks like a result, and
 * never destroys the previous complete result. */
#ifndef RS_OUTDIR_H
#define RS_OUTDIR_H

#include <stdio.h>

#include "../util/util.h"

typedef struct rs_outdir {
    char *final;  /* the folder the user asked for (a symbolic link: its target) */
    char *tmp;    /* where files are written until commit */
    char **made;  /* parent folders begin() created, removed again on failure */
    size_t n_made;
} rs_outdir;

/* The marker file of a result folder, written by rs_outdir_commit(): the
 * version and every file and folder of the result with its size and hash. */
#define RS_MARKER ".regiosim-result"

/* 0 when the folder 'dir' is a result that may be replaced: it has a
 * marker, and everything in it is listed there, unchanged (files the
 * marker lists may be missing).  Else -1 and *why (newly allocated) says
 * what is in the way: no marker, a file regiosim did not write, a changed
 * file, a symbolic link. */
int rs_outdir_check(const char *dir, char **why);

/* Prepares a temporary folder for 'dir', creating missing parents.
 * Refuses (RS_EXIT_IO, with the reason) a 'dir' that exists but fails
 * rs_outdir_check(), so a run never replaces or empties a folder that
 * holds anything regiosim did not write.  A symbolic link is followed to
 * an existing folder (which must pass the same check); a dangling one is
 * refused.  RS_EXIT_OK or an error code with a message in 'diag'. */
int rs_outdir_begin(rs_outdir *o, const char *dir, rs_diag *diag);
/* Opens 'name' for writing inside the temporary folder. */
FILE *rs_outdir_open(rs_outdir *o, const char *name, rs_diag *diag);
/* Closes 'f' and reports a write error (a full disk) as RS_EXIT_IO. */
int rs_outdir_close(FILE *f, const char *name, rs_diag *diag);
/* Writes the marker and puts the folder in place (replacing a previous
 * result atomically, after checking it again). */
int rs_outdir_commit(rs_outdir *o, rs_diag *diag);
/* Removes the temporary folder and, when the run failed, the parent
 * folders begin() created (if still empty); safe after commit. */
void rs_outdir_abort(rs_outdir *o);

/* Removes a folder tree (used for temporary folders only). */
int rs_rmtree(const char *path);

#endif
