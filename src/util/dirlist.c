/* dirlist.c — the files of a folder with a given ending, sorted. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "dirlist.h"
#include "util.h"

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

long rs_list_files(const char *dir, const char *suffix, char ***names)
{
    *names = NULL;
    DIR *dp = opendir(dir);
    if (!dp)
        return -1;
    size_t n = 0, ls = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t l = strlen(e->d_name);
        if (l > ls && strcmp(e->d_name + l - ls, suffix) == 0) {
            *names = rs_xrealloc(*names, (n + 1) * sizeof **names);
            (*names)[n++] = rs_xstrdup(e->d_name);
        }
    }
    closedir(dp);
    if (n)
        qsort(*names, n, sizeof **names, cmp_name);
    return (long)n;
}

void rs_free_list(char **names, long n)
{
    for (long i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
