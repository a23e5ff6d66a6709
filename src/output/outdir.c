/* outdir.c — see outdir.h. */
#define _GNU_SOURCE
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- interruption -----------------------------------------------------
 *
 * While a temporary folder exists, SIGINT, SIGTERM, SIGHUP and SIGQUIT
 * remove it and then end the program as the signal would have (the
 * handler restores the previous action and raises the signal again), so
 * an interrupted run leaves neither a half-written result nor its
 * temporary folder.  SIGXFSZ (a file size limit, `ulimit -f`) is ignored
 * meanwhile, so that the write fails with EFBIG and is reported like a
 * full disk instead of killing the program.  A signal that was ignored
 * when the folder was made (nohup) stays ignored.
 *
 * The handler may only call async-signal-safe functions: the path of the
 * folder is copied in advance into a fixed buffer, 'sig_armed' says
 * whether it is valid, and the folder is removed with open, getdents64,
 * unlinkat and close only (nftw allocates; the charts put files there that
 * this module did not create, so a list of its own files is not enough).
 * The renames of rs_outdir_commit() run with these signals blocked.
 *
 * Signals are per process, so one temporary folder at a time is guarded:
 * a second rs_outdir_begin() while one is open works, unguarded.  SIGKILL
 * cannot be caught: it can leave DIR.tmp-XXXXXX behind, but never a
 * partial DIR, as the result appears by one rename (on a file system
 * without RENAME_EXCHANGE it takes two, see commit()). */

static const int sig_list[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXFSZ};
#define SIG_N (sizeof sig_list / sizeof *sig_list)

static volatile sig_atomic_t sig_armed;
static char sig_tmp[PATH_MAX];
static const rs_outdir *sig_owner;
static struct sigaction sig_old[SIG_N];

/* Empties the folder 'fd' (open, O_DIRECTORY) and its subfolders, at most
 * 'depth' levels deep, with system calls only. */
static void sig_empty(int fd, int depth)
{
    /* entries are removed while the folder is read: read from the start
     * again until a pass removes nothing (bounded: a folder that keeps
     * filling is left) */
    for (int pass = 0; pass < 64; pass++) {
        char buf[4096];
        int removed = 0;
        ssize_t n;
        if (lseek(fd, 0, SEEK_SET) < 0)
            return;
        while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
            for (ssize_t off = 0; off < n;) {
                struct dirent64 *e = (struct dirent64 *)(buf + off);
                off += e->d_reclen;
                const char *nm = e->d_name;
                if (nm[0] == '.' && (nm[1] == '\0' || (nm[1] == '.' && nm[2] == '\0')))
                    continue;
                if (unlinkat(fd, nm, 0) == 0) {
                    removed = 1;
                    continue;
                }
                if (depth > 0) {
                    int sub = openat(fd, nm, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                    if (sub >= 0) {
                        sig_empty(sub, depth - 1);
                        close(sub);
                    }
                }
                if (unlinkat(fd, nm, AT_REMOVEDIR) == 0)
                    removed = 1;
            }
        }
        if (!removed)
            return;
    }
}

static void on_signal(int sig)
{
    int saved = errno;
    if (sig_armed) {
        sig_armed = 0;
        int fd = open(sig_tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
            sig_empty(fd, 8);
            close(fd);
        }
        rmdir(sig_tmp);
    }
    /* end as the signal would have ended the program: it is blocked while
     * this handler runs and is delivered, with its old action, on return */
    for (size_t i = 0; i < SIG_N; i++)
        if (sig_list[i] == sig)
            sigaction(sig, &sig_old[i], NULL);
    raise(sig);
    errno = saved;
}

static void sig_block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < SIG_N; i++)
        sigaddset(&set, sig_list[i]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static void sig_unblock(const sigset_t *old) { pthread_sigmask(SIG_SETMASK, old, NULL); }

/* Guards o->tmp (called with the signals blocked). */
static void sig_arm(const rs_outdir *o)
{
    if (sig_owner || strlen(o->tmp) >= sizeof sig_tmp)
        return;
    strcpy(sig_tmp, o->tmp);
    sig_owner = o;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < SIG_N; i++)
        sigaddset(&sa.sa_mask, sig_list[i]);
    for (size_t i = 0; i < SIG_N; i++) {
        sigaction(sig_list[i], NULL, &sig_old[i]);
        if (sig_old[i].sa_handler == SIG_IGN)
            continue; /* nohup, or ignored by the caller: leave it */
        if (sig_list[i] == SIGXFSZ) {
            struct sigaction ign = sa;
            ign.sa_handler = SIG_IGN;
            sigaction(SIGXFSZ, &ign, NULL);
        } else {
            sigaction(sig_list[i], &sa, NULL);
        }
    }
    sig_armed = 1;
}

/* Stops guarding (called with the signals blocked, after the folder is
 * gone or renamed). */
static void sig_disarm(const rs_outdir *o)
{
    if (sig_owner != o)
        return;
    sig_armed = 0;
    for (size_t i = 0; i < SIG_N; i++)
        sigaction(sig_list[i], &sig_old[i], NULL);
    sig_owner = NULL;
}

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
    /* no signal between making the folder and guarding it */
    sigset_t mask;
    sig_block(&mask);
    if (!mkdtemp(o->tmp)) {
        int e = errno;
        sig_unblock(&mask);
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot create a temporary folder next to it: %s",
                    o->final, strerror(e));
        free(o->tmp);
        o->tmp = NULL;
        return RS_EXIT_IO;
    }
    sig_arm(o);
    sig_unblock(&mask);
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
    errno = 0; /* so that rs_outdir_close() can tell why a write failed */
    free(path);
    return f;
}

int rs_outdir_close(FILE *f, const char *name, rs_diag *diag)
{
    if (!f)
        return RS_EXIT_IO;
    /* A write that failed (a full disk) left its reason in errno, and the
     * stream's error flag set; fclose() may then succeed and say nothing. */
    int bad = ferror(f);
    int write_errno = errno;
    errno = 0;
    int close_errno = fclose(f) != 0 ? errno : 0;
    if (close_errno || bad) {
        int e = close_errno ? close_errno : write_errno;
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot write: %s", name,
                    e ? strerror(e) : "write error");
        return RS_EXIT_IO;
    }
    return RS_EXIT_OK;
}

/* The renames, with the signals of the guard blocked. */
static int commit(rs_outdir *o, rs_diag *diag)
{
    struct stat st;
    if (stat(o->final, &st) == 0) {
        /* swap the new folder with the old result in one step, then remove
         * the old one: there is never a moment without a complete result */
        if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final, RENAME_EXCHANGE) < 0) {
            /* a file system without RENAME_EXCHANGE: two renames, with a
             * moment in between (which SIGKILL could hit) without DIR */
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

int rs_outdir_commit(rs_outdir *o, rs_diag *diag)
{
    /* A signal now waits until the result is in place and the guard is
     * off, then ends the program with its old action: DIR is complete. */
    sigset_t mask;
    sig_block(&mask);
    int rc = commit(o, diag);
    if (!o->tmp)
        sig_disarm(o);
    sig_unblock(&mask);
    return rc;
}

void rs_outdir_abort(rs_outdir *o)
{
    sigset_t mask;
    sig_block(&mask);
    if (o->tmp) {
        rs_rmtree(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    sig_disarm(o);
    sig_unblock(&mask);
    free(o->final);
    o->final = NULL;
}
