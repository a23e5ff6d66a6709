/* outdir.c — see outdir.h. */
#define _GNU_SOURCE
#include "outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int rs_rmtree(const char *path)
{
    return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int mkdirs(const char *dir)
{
    char *p = rs_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) < 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0777) < 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

static int is_result(const char *dir)
{
    static const char *const marks[] = {"summary.json", "compare.csv", NULL};
    for (int i = 0; marks[i]; i++) {
        char *f = rs_xasprintf("%s/%s", dir, marks[i]);
        int ok = access(f, F_OK) == 0;
        free(f);
        if (ok)
            return 1;
    }
    return 0;
}

int rs_outdir_begin(rs_outdir *o, const char *dir, rs_diag *diag)
{
    memset(o, 0, sizeof *o);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    o->final = rs_xmalloc(n + 1);
    memcpy(o->final, dir, n);
    o->final[n] = '\0';
    struct stat st;
    if (stat(o->final, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            rs_diag_add(diag, RS_EXIT_IO, "%s: exists and is not a folder: choose another -o",
                        o->final);
            return RS_EXIT_IO;
        }
        if (!is_result(o->final)) {
            rs_diag_add(diag, RS_EXIT_IO,
                        "%s: exists and is not a regiosim result (no summary.json): it is left "
                        "alone; choose another -o",
                        o->final);
            return RS_EXIT_IO;
        }
    }
    char *parent = rs_dirname(o->final);
    if (mkdirs(parent) < 0) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot create folder: %s", parent, strerror(errno));
        free(parent);
        return RS_EXIT_IO;
    }
    free(parent);
    o->tmp = rs_xasprintf("%s.tmp-XXXXXX", o->final);
    if (!mkdtemp(o->tmp)) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot create a temporary folder next to it: %s",
                    o->final, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return RS_EXIT_IO;
    }
    chmod(o->tmp, 0755);
    return RS_EXIT_OK;
}

FILE *rs_outdir_open(rs_outdir *o, const char *name, rs_diag *diag)
{
    char *path = rs_xasprintf("%s/%s", o->tmp, name);
    if (strchr(name, '/')) {
        char *d = rs_dirname(path);
        mkdirs(d);
        free(d);
    }
    FILE *f = fopen(path, "w");
    if (!f)
        rs_diag_add(diag, RS_EXIT_IO, "%s/%s: cannot write: %s", o->final, name,
                    strerror(errno));
    free(path);
    return f;
}

int rs_outdir_close(FILE *f, const char *name, rs_diag *diag)
{
    if (!f)
        return RS_EXIT_IO;
    int bad = ferror(f);
    errno = 0;
    if (fclose(f) != 0 || bad) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot write: %s", name,
                    errno ? strerror(errno) : "write error");
        return RS_EXIT_IO;
    }
    return RS_EXIT_OK;
}

int rs_outdir_commit(rs_outdir *o, rs_diag *diag)
{
    struct stat st;
    if (stat(o->final, &st) == 0) {
        /* swap the new folder with the old result in one step, then remove
         * the old one: there is never a moment without a complete result */
        if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final, RENAME_EXCHANGE) < 0) {
            char *old = rs_xasprintf("%s.old-XXXXXX", o->final);
            if (!mkdtemp(old) || rmdir(old) < 0 || rename(o->final, old) < 0 ||
                rename(o->tmp, o->final) < 0) {
                rs_diag_add(diag, RS_EXIT_IO, "%s: cannot replace the previous result: %s",
                            o->final, strerror(errno));
                free(old);
                return RS_EXIT_IO;
            }
            rs_rmtree(old);
            free(old);
            free(o->tmp);
            o->tmp = NULL;
            return RS_EXIT_OK;
        }
        rs_rmtree(o->tmp); /* now holds the previous result */
    } else if (rename(o->tmp, o->final) < 0) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot create the result folder: %s", o->final,
                    strerror(errno));
        return RS_EXIT_IO;
    }
    free(o->tmp);
    o->tmp = NULL;
    return RS_EXIT_OK;
}

void rs_outdir_abort(rs_outdir *o)
{
    if (o->tmp) {
        rs_rmtree(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    free(o->final);
    o->final = NULL;
}
