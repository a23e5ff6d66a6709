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
#include <sys/wait.h>
#include <unistd.h>

#include "../dist/dist.h"

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
 * Only the main thread takes these signals: every other thread (the
 * OpenMP workers of the Monte Carlo) blocks them (util.h), so the handler
 * never runs while the main thread goes on writing.  Every running
 * gnuplot (each in its own process group, pids in rs_child_pids; up to
 * RS_MAX_CHILDREN draw at once) is killed, and all of them are reaped,
 * before the folder is removed, so none can write into it afterwards.
 *
 * Signals are per process, so one temporary folder at a time is guarded:
 * a second rs_outdir_begin() while one is open works, unguarded.  SIGKILL
 * cannot be caught: it can leave DIR.tmp-XXXXXX behind, but never a
 * partial DIR, as the result appears by one rename (on a file system
 * without RENAME_EXCHANGE it takes two, see commit()). */

#define sig_list rs_guarded_signals
#define SIG_N ((size_t)RS_N_GUARDED_SIGNALS)

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
        /* gnuplot may be writing into the folder: end every one first
         * (all killed, then all reaped, so they stop at the same time) */
        pid_t child[RS_MAX_CHILDREN];
        for (int i = 0; i < RS_MAX_CHILDREN; i++) {
            child[i] = (pid_t)rs_child_pids[i];
            if (child[i] > 0)
                kill(child[i], SIGKILL);
        }
        for (int i = 0; i < RS_MAX_CHILDREN; i++)
            if (child[i] > 0)
                while (waitpid(child[i], NULL, 0) < 0 && errno == EINTR)
                    ;
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

static void sig_block(sigset_t *old) { rs_signals_block(old); }

static void sig_unblock(const sigset_t *old) { rs_signals_restore(old); }

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

/* Creates 'dir' and its missing parents; each folder it creates is
 * added to o->made (outermost first), so that a failed run can remove
 * them again. */
static int mkdirs(rs_outdir *o, const char *dir)
{
    char *p = rs_xstrdup(dir);
    size_t len = strlen(p);
    int rc = 0;
    for (size_t i = 1; i <= len && !rc; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        char c = p[i];
        p[i] = '\0';
        if (mkdir(p, 0777) == 0) {
            o->made = rs_xrealloc(o->made, (o->n_made + 1) * sizeof *o->made);
            o->made[o->n_made++] = rs_xstrdup(p);
        } else if (errno != EEXIST) {
            rc = -1;
        }
        p[i] = c;
    }
    free(p);
    return rc;
}

/* Removes the folders mkdirs() created, innermost first, where still
 * empty (rmdir removes nothing else). */
static void unmake(rs_outdir *o, int remove)
{
    for (size_t i = o->n_made; i-- > 0;) {
        if (remove)
            rmdir(o->made[i]);
        free(o->made[i]);
    }
    free(o->made);
    o->made = NULL;
    o->n_made = 0;
}

/* ---- the marker ----------------------------------------------------------
 *
 * A result folder holds RS_MARKER, written last into the temporary folder:
 * a first line, the version, and one line per folder ("d PATH") and file
 * ("f SIZE HASH PATH", HASH the 64-bit FNV-1a of its bytes) that the run
 * wrote.  A folder is replaced only when every entry in it is one of
 * these, unchanged; a marker that anyone can write proves nothing about
 * who made the folder, but it means that nothing in it is lost: every
 * byte is in the listed state, which the next run reproduces. */

#define MARKER_HEAD "regiosim result folder: written by regiosim; do not edit\n"
#define MAX_ENTRIES 100000 /* a result has a few dozen */
#define MAX_DEPTH 4

typedef struct entry {
    char *path;
    int dir;
    long long size;
    unsigned long long hash;
} entry;

typedef struct listing {
    entry *e;
    size_t n;
} listing;

static void listing_free(listing *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->e[i].path);
    free(l->e);
    memset(l, 0, sizeof *l);
}

static int hash_file(const char *path, long long *size, unsigned long long *hash)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    unsigned long long h = 14695981039346656037ull;
    long long n = 0;
    char buf[65536];
    ssize_t r;
    while ((r = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < r; i++) {
            h ^= (unsigned char)buf[i];
            h *= 1099511628211ull;
        }
        n += r;
    }
    int e = errno;
    close(fd);
    if (r < 0) {
        errno = e;
        return -1;
    }
    *size = n;
    *hash = h;
    return 0;
}

/* Lists what 'root' holds (RS_MARKER at the top excepted).  -1 with a
 * reason in *why for anything a result never holds: a symbolic link, a
 * device, a FIFO, a file it cannot read, more than MAX_ENTRIES entries or
 * MAX_DEPTH levels. */
static int walk(const char *root, const char *rel, int depth, listing *l, char **why)
{
    char *dpath = rel ? rs_xasprintf("%s/%s", root, rel) : rs_xstrdup(root);
    DIR *d = opendir(dpath);
    if (!d) {
        *why = rs_xasprintf("cannot read %s: %s", dpath, strerror(errno));
        free(dpath);
        return -1;
    }
    int rc = 0;
    struct dirent *de;
    while (!rc && (de = readdir(d))) {
        const char *nm = de->d_name;
        if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0)
            continue;
        if (!rel && strcmp(nm, RS_MARKER) == 0)
            continue;
        char *r = rel ? rs_xasprintf("%s/%s", rel, nm) : rs_xstrdup(nm);
        char *full = rs_xasprintf("%s/%s", dpath, nm);
        struct stat st;
        if (l->n >= MAX_ENTRIES) {
            *why = rs_xasprintf("holds more than %d entries", MAX_ENTRIES);
            rc = -1;
        } else if (lstat(full, &st) < 0) {
            *why = rs_xasprintf("cannot read '%s': %s", r, strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)) {
            entry e = {r, S_ISDIR(st.st_mode), 0, 0};
            if (!e.dir && hash_file(full, &e.size, &e.hash) < 0) {
                *why = rs_xasprintf("cannot read '%s': %s", r, strerror(errno));
                rc = -1;
            } else {
                l->e = rs_xrealloc(l->e, (l->n + 1) * sizeof *l->e);
                l->e[l->n++] = e;
                r = NULL;
                if (e.dir) {
                    if (depth >= MAX_DEPTH) {
                        *why = rs_xasprintf("'%s' is nested deeper than a result", e.path);
                        rc = -1;
                    } else {
                        rc = walk(root, e.path, depth + 1, l, why);
                    }
                }
            }
        } else {
            *why = rs_xasprintf("holds '%s', a %s, which regiosim never writes", r,
                                S_ISLNK(st.st_mode) ? "symbolic link" : "special file");
            rc = -1;
        }
        free(r);
        free(full);
    }
    closedir(d);
    free(dpath);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

/* Writes the marker of the folder 'dir' (the temporary folder). */
static int write_marker(const char *dir, rs_diag *diag, const char *shown)
{
    listing l = {0};
    char *why = NULL;
    if (walk(dir, NULL, 0, &l, &why) < 0) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot list what was written: %s", shown, why);
        free(why);
        listing_free(&l);
        return RS_EXIT_IO;
    }
    qsort(l.e, l.n, sizeof *l.e, by_path);
    char *path = rs_xasprintf("%s/%s", dir, RS_MARKER);
    FILE *f = fopen(path, "w");
    free(path);
    if (!f) {
        rs_diag_add(diag, RS_EXIT_IO, "%s/%s: cannot write: %s", shown, RS_MARKER,
                    strerror(errno));
        listing_free(&l);
        return RS_EXIT_IO;
    }
    fprintf(f, MARKER_HEAD "version %s\n", RS_VERSION);
    for (size_t i = 0; i < l.n; i++) {
        if (l.e[i].dir)
            fprintf(f, "d %s\n", l.e[i].path);
        else
            fprintf(f, "f %lld %016llx %s\n", l.e[i].size, l.e[i].hash, l.e[i].path);
    }
    listing_free(&l);
    char *label = rs_xasprintf("%s/%s", shown, RS_MARKER);
    errno = 0;
    int rc = rs_outdir_close(f, label, diag);
    free(label);
    return rc;
}

/* Reads the marker of 'dir' into 'l'; -1 with a reason when there is
 * none or it is not one. */
static int read_marker(const char *dir, listing *l, char **why)
{
    char *path = rs_xasprintf("%s/%s", dir, RS_MARKER);
    struct stat st;
    if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > (64 << 20)) {
        *why = rs_xasprintf("it has no %s marker, so regiosim did not make it (or a version "
                            "before 0.2 did)",
                            RS_MARKER);
        free(path);
        return -1;
    }
    size_t len;
    char *text = rs_read_file(path, &len);
    free(path);
    if (!text || strncmp(text, MARKER_HEAD, strlen(MARKER_HEAD)) != 0) {
        *why = rs_xasprintf("its %s is not a regiosim marker", RS_MARKER);
        free(text);
        return -1;
    }
    int rc = 0;
    char *save = NULL;
    for (char *line = strtok_r(text + strlen(MARKER_HEAD), "\n", &save); line && !rc;
         line = strtok_r(NULL, "\n", &save)) {
        entry e = {0};
        int used = 0;
        if (strncmp(line, "version ", 8) == 0)
            continue;
        if (line[0] == 'd' && line[1] == ' ' && line[2]) {
            e.dir = 1;
            e.path = rs_xstrdup(line + 2);
        } else if (sscanf(line, "f %lld %16llx %n", &e.size, &e.hash, &used) == 2 && used &&
                   line[used]) {
            e.path = rs_xstrdup(line + used);
        } else {
            *why = rs_xasprintf("its %s is damaged", RS_MARKER);
            rc = -1;
            break;
        }
        if (l->n >= MAX_ENTRIES) {
            free(e.path);
            *why = rs_xasprintf("its %s lists too many files", RS_MARKER);
            rc = -1;
            break;
        }
        l->e = rs_xrealloc(l->e, (l->n + 1) * sizeof *l->e);
        l->e[l->n++] = e;
    }
    free(text);
    if (!rc)
        qsort(l->e, l->n, sizeof *l->e, by_path);
    return rc;
}

int rs_outdir_check(const char *dir, char **why)
{
    listing want = {0}, have = {0};
    *why = NULL;
    int rc = read_marker(dir, &want, why);
    if (!rc)
        rc = walk(dir, NULL, 0, &have, why);
    for (size_t i = 0; !rc && i < have.n; i++) {
        const entry *h = &have.e[i];
        const entry *w = bsearch(h, want.e, want.n, sizeof *want.e, by_path);
        if (!w || w->dir != h->dir) {
            *why = rs_xasprintf("it holds '%s', which regiosim did not write", h->path);
            rc = -1;
        } else if (!h->dir && (w->size != h->size || w->hash != h->hash)) {
            *why = rs_xasprintf("'%s' was changed after regiosim wrote it", h->path);
            rc = -1;
        }
    }
    listing_free(&want);
    listing_free(&have);
    return rc;
}

/* Under mpirun (dist.h) only rank 0 writes DIR.  Every other rank has the
 * same numbers and runs the same writers, into a private temporary folder
 * that rs_outdir_abort() removes: it never touches DIR. */
static int begin_private(rs_outdir *o, const char *dir, rs_diag *diag)
{
    o->final = rs_xstrdup(dir);
    const char *t = getenv("TMPDIR");
    o->tmp = rs_xasprintf("%s/regiosim-rank%d-XXXXXX", t && *t ? t : "/tmp", rs_dist_rank());
    sigset_t mask;
    sig_block(&mask);
    if (!mkdtemp(o->tmp)) {
        int e = errno;
        sig_unblock(&mask);
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot create a temporary folder: %s", o->tmp,
                    strerror(e));
        free(o->tmp);
        o->tmp = NULL;
        return RS_EXIT_IO;
    }
    sig_arm(o);
    sig_unblock(&mask);
    return RS_EXIT_OK;
}

int rs_outdir_begin(rs_outdir *o, const char *dir, rs_diag *diag)
{
    memset(o, 0, sizeof *o);
    if (!rs_dist_root())
        return begin_private(o, dir, diag);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    o->final = rs_xmalloc(n + 1);
    memcpy(o->final, dir, n);
    o->final[n] = '\0';
    struct stat st;
    if (lstat(o->final, &st) == 0 && S_ISLNK(st.st_mode)) {
        /* a symbolic link is followed: the result replaces its target,
         * under the same rules, and the link stays */
        char *real = realpath(o->final, NULL);
        if (!real) {
            rs_diag_add(diag, RS_EXIT_IO,
                        "%s: is a symbolic link to a folder that does not exist (%s): regiosim "
                        "follows a link only to an existing result; remove the link or choose "
                        "another -o",
                        o->final, strerror(errno));
            return RS_EXIT_IO;
        }
        free(o->final);
        o->final = real;
    }
    if (stat(o->final, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            rs_diag_add(diag, RS_EXIT_IO, "%s: exists and is not a folder: choose another -o",
                        o->final);
            return RS_EXIT_IO;
        }
        char *why = NULL;
        if (rs_outdir_check(o->final, &why) < 0) {
            rs_diag_add(diag, RS_EXIT_IO,
                        "%s: exists and is not a result regiosim can replace: %s; it is left "
                        "alone (nothing in it is changed); choose another -o, or move it away",
                        o->final, why);
            free(why);
            return RS_EXIT_IO;
        }
    }
    char *parent = rs_dirname(o->final);
    if (mkdirs(o, parent) < 0) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot create folder: %s", parent, strerror(errno));
        free(parent);
        unmake(o, 1);
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
        unmake(o, 1);
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
        /* folders inside the temporary one (plots/, runs/NAME/) */
        char *d = rs_dirname(path);
        for (char *c = d + strlen(o->tmp) + 1; *c; c++)
            if (*c == '/') {
                *c = '\0';
                mkdir(d, 0777);
                *c = '/';
            }
        mkdir(d, 0777);
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
        /* checked again: a file may have been put there since begin() */
        char *why = NULL;
        if (rs_outdir_check(o->final, &why) < 0) {
            rs_diag_add(diag, RS_EXIT_IO,
                        "%s: is no longer a result regiosim can replace: %s; it is left alone",
                        o->final, why);
            free(why);
            return RS_EXIT_IO;
        }
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
            char *why2 = NULL;
            if (rs_outdir_check(old, &why2) == 0)
                rs_rmtree(old);
            free(why2);
            free(old);
            free(o->tmp);
            o->tmp = NULL;
            return RS_EXIT_OK;
        }
        /* now holds the previous result: removed only if it still is
         * exactly what regiosim wrote (else kept beside, and said) */
        free(why);
        why = NULL;
        if (rs_outdir_check(o->tmp, &why) == 0) {
            rs_rmtree(o->tmp);
        } else {
            fprintf(stderr, "regiosim: warning: %s: the previous result changed while this run "
                            "wrote (%s): it is kept as %s\n",
                    o->final, why, o->tmp);
        }
        free(why);
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
    if (!rs_dist_root())
        return RS_EXIT_OK; /* a private folder: rs_outdir_abort() removes it */
    /* A signal now waits until the result is in place and the guard is
     * off, then ends the program with its old action: DIR is complete. */
    int rc = write_marker(o->tmp, diag, o->final);
    if (rc)
        return rc;
    sigset_t mask;
    sig_block(&mask);
    rc = commit(o, diag);
    if (!o->tmp)
        sig_disarm(o);
    sig_unblock(&mask);
    return rc;
}

void rs_outdir_abort(rs_outdir *o)
{
    sigset_t mask;
    sig_block(&mask);
    int failed = o->tmp != NULL;
    if (o->tmp) {
        rs_rmtree(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    /* a failed run leaves no new empty parent folders */
    unmake(o, failed);
    sig_disarm(o);
    sig_unblock(&mask);
    free(o->final);
    o->final = NULL;
}
