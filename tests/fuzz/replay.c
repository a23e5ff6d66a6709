/* replay.c — a main() for the fuzz targets without libFuzzer: runs the
 * target once on each file named on the command line (folders: on each
 * file in them).  `make check-asan` links every target with it and
 * replays tests/fuzz/regressions/ and the seeds under the sanitizers,
 * with gcc, where clang's libFuzzer is not needed. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../src/util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path, int *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *dp = opendir(path);
        if (!dp) {
            perror(path);
            return 1;
        }
        int bad = 0;
        struct dirent *e;
        while ((e = readdir(dp)))
            if (e->d_name[0] != '.') {
                char *sub = rs_xasprintf("%s/%s", path, e->d_name);
                bad |= replay(sub, count);
                free(sub);
            }
        closedir(dp);
        return bad;
    }
    size_t len = 0;
    char *data = rs_read_file(path, &len);
    if (!data) {
        perror(path);
        return 1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    free(data);
    (*count)++;
    return 0;
}

int main(int argc, char **argv)
{
    int bad = 0, count = 0;
    for (int i = 1; i < argc; i++)
        bad |= replay(argv[i], &count);
    printf("%s: %d inputs replayed\n", argv[0], count);
    return bad;
}
